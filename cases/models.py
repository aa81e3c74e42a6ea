# Models arrive with the cases issue.
