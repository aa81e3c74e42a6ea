# Models arrive with the training issue.
