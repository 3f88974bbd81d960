"""The fields the peer exposes, given to the project's models at start-up (the project itself
declares no grapple or REST API fields). They cover what bench/queries.py asks the project:
the chapters with their events (hero and gallery renditions), and one chapter with its body,
coordinators and social links. Renditions use the project's preset filter specs, so both
servers read the same stored renditions."""

from django.apps import AppConfig


class PeerConfig(AppConfig):
    name = "bench.peer"
    label = "bench_peer"

    def ready(self):
        from grapple import models as g
        from rest_framework.fields import CharField
        from wagtail.api import APIField
        from wagtail.images.api.fields import ImageRenditionField

        from site_pages import models as m

        card, gallery = "fill-240x160|format-webp", "fill-480x320|format-webp"

        m.Person.graphql_fields = [
            g.GraphQLString("name"),
            g.GraphQLString("affiliation"),
            g.GraphQLImage("photo"),
        ]
        m.ChapterCoordinator.graphql_fields = [
            g.GraphQLString("role"),
            g.GraphQLInt("term_start"),
            g.GraphQLInt("term_end"),
            g.GraphQLSnippet("person", "site_pages.Person"),
        ]
        m.ChapterSocialLink.graphql_fields = [g.GraphQLString("platform"), g.GraphQLString("url")]
        m.EventGalleryImage.graphql_fields = [g.GraphQLString("caption"), g.GraphQLImage("image")]
        m.ChapterPage.graphql_fields = [
            g.GraphQLString("local_name"),
            g.GraphQLString("acronym"),
            g.GraphQLString("country"),
            g.GraphQLString("founded_on"),
            g.GraphQLInt("member_count"),
            g.GraphQLInt("member_count_year"),
            g.GraphQLString("intro"),
            g.GraphQLImage("hero_image"),
            g.GraphQLStreamfield("body"),
            g.GraphQLCollection(
                g.GraphQLForeignKey, "coordinators", "site_pages.ChapterCoordinator"
            ),
            g.GraphQLCollection(
                g.GraphQLForeignKey, "social_links", "site_pages.ChapterSocialLink"
            ),
        ]
        m.EventPage.graphql_fields = [
            g.GraphQLString("start_date"),
            g.GraphQLString("end_date"),
            g.GraphQLString("format"),
            g.GraphQLString("city"),
            g.GraphQLString("intro"),
            g.GraphQLImage("hero_image"),
            g.GraphQLCollection(
                g.GraphQLForeignKey, "gallery_images", "site_pages.EventGalleryImage"
            ),
        ]

        m.EventGalleryImage.api_fields = [
            APIField("caption"),
            APIField("rendition", serializer=ImageRenditionField(gallery, source="image")),
        ]
        m.ChapterPage.api_fields = [
            APIField("local_name"),
            APIField("acronym"),
            APIField("country", serializer=CharField()),
            APIField("member_count"),
            APIField("intro"),
            APIField("hero_card", serializer=ImageRenditionField(card, source="hero_image")),
        ]
        m.EventPage.api_fields = [
            APIField("start_date"),
            APIField("end_date"),
            APIField("format"),
            APIField("city"),
            APIField("hero_card", serializer=ImageRenditionField(card, source="hero_image")),
            APIField("gallery_images"),
        ]
