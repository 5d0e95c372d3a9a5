"""Alias keys carry their namespace (`main/ntr`, `film/foo`); the bare word moves to `word`."""

from django.db import migrations, models


def namespaced_keys(apps, schema_editor):
    Alias = apps.get_model("wiki", "Alias")
    Page = apps.get_model("wiki", "Page")
    for alias in Alias.objects.select_related("page").iterator():
        word = alias.key.rsplit("/", 1)[-1]
        namespace = alias.page.namespace.lower()
        if alias.source == "redirect":
            source = (
                Page.objects.filter(redirect_to__iexact=alias.page.namespace + "/" + alias.page.name)
                .filter(name__iexact=word)
                .first()
            )
            namespace = source.namespace.lower() if source else namespace
        Alias.objects.filter(id=alias.id).update(key=f"{namespace}/{word}", word=word)


class Migration(migrations.Migration):
    dependencies = [("wiki", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="alias",
            name="word",
            field=models.CharField(db_index=True, default="", max_length=300),
        ),
        migrations.RunPython(namespaced_keys, migrations.RunPython.noop),
    ]
