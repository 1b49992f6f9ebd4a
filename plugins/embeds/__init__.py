"""Embeds: video and map links turned into click-to-load notices (see providers.py)."""

from html import escape

from pelican import signals

from .providers import replace_embeds

def _notice(state, lang, kind):
    # Literal msgids below, so `make extract` sees them (keyword translate:2).
    if kind == "video":
        return (state.translate(lang, "This video is on %(provider)s. If you open it, %(provider)s receives your IP address and information about your browser."),
                state.translate(lang, "Watch the video on %(provider)s"))
    return (state.translate(lang, "This map is on %(provider)s. If you open it, %(provider)s receives your IP address and information about your browser."),
            state.translate(lang, "Open the map on %(provider)s"))


def click_to_load(instance):
    state = instance._context.get("I18N")
    if state is None or not instance._content:
        return
    lang = getattr(instance, "lang", state.default)

    def render(url, provider):
        notice, label = _notice(state, lang, provider.kind)
        values = {"provider": provider.name}
        return (
            f'<aside class="rart-embed rart-embed--{provider.kind}">'
            f'<p class="rart-embed__notice">{escape(notice % values)}</p>'
            f'<p><a class="rart-cta rart-cta--secondary rart-embed__link" href="{escape(url)}" '
            f'rel="external noopener">{escape(label % values)}</a></p></aside>'
        )

    instance._content = replace_embeds(instance._content, instance.settings["EMBED_PROVIDERS"], render)


def register():
    signals.content_object_init.connect(click_to_load)
