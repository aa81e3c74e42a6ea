from django.urls import path

from .views import coordinator, participant, practical, proposals

app_name = "training"

urlpatterns = [
    path("", participant.home, name="home"),
    path("<int:course_id>/starta/", participant.start, name="start"),
    path("<int:course_id>/amne/<int:topic_id>/", participant.topic, name="topic"),
    path("fraga/<int:item_id>/svara/", participant.answer, name="answer"),
    path("<int:course_id>/resultat/", participant.results, name="results"),
    path("<int:course_id>/omprov/", participant.retake, name="retake"),
    path("<int:course_id>/diplom.pdf", participant.diploma_download, name="diploma_download"),
    path("<int:course_id>/praktik/", practical.my_activities, name="practical"),
    path("samordnare/", coordinator.overview, name="coordinator"),
    path("samordnare/godkannanden/", practical.pending, name="pending"),
    path("samordnare/aktivitet/<int:activity_id>/", practical.review, name="review"),
    path("samordnare/diplom/", coordinator.diplomas, name="diplomas"),
    path("samordnare/diplom/<int:diploma_id>/aterkalla/", coordinator.revoke, name="revoke"),
    path("samordnare/statistik/", coordinator.statistics, name="statistics"),
    path("samordnare/granskning/", coordinator.review_due, name="review_due"),
    path("samordnare/fragor/", coordinator.interchange, name="interchange"),
    path("samordnare/fragor/export.<str:fmt>", coordinator.export, name="export"),
    path("samordnare/kursomgang/", coordinator.copy_edition, name="copy_edition"),
    path("forslag/", proposals.propose, name="propose"),
    path("samordnare/forslag/", proposals.review_list, name="proposals"),
    path("samordnare/forslag/<int:proposal_id>/", proposals.review, name="proposal_review"),
]
