"""A small catalog for query, hierarchy and avoid-list tests: everyday tropes, invented works."""

from __future__ import annotations

from tropebase.wiki.store import save_page


def weather_wiki() -> None:
    """Tropes: RainyDay over SadRain (stated on SadRain's page), ForgottenUmbrella (alias FU, redirect
    BrollyBlindness), SnowDay; indexes WeatherTropes and SkyTropes listing each other (a cycle).
    Works: Puddles (RainyDay, FU), Drizzle (RainyDay), Storm (SadRain as a spoiler, FU), DryRun (FU
    averted), Anime/Sunbeam (FU), and the adult Film/Secret (SnowDay, FU)."""
    save_page("Main/RainyDay", "It rains all day long.")
    save_page("Main/SadRain", "Rain falls at the saddest moment. Subtrope of RainyDay.")
    save_page(
        "Main/ForgottenUmbrella", "The Forgotten Umbrella (abbreviated as FU) is a trope about umbrellas."
    )
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    save_page("Main/SnowDay", "Snow closes the school.")
    save_page("Main/WeatherTropes", "Weather.\n\n[[index]]\n* RainyDay\n* SnowDay\n* SkyTropes\n[[/index]]\n")
    save_page("Main/SkyTropes", "The sky.\n\n[[index]]\n* WeatherTropes\n* {{Rainbow}}\n[[/index]]\n")
    work = "A film.\n----\n"
    save_page(
        "Film/Puddles",
        work + "* RainyDay: it rains.\n* ForgottenUmbrella: left on the bus.\n",
        title="Puddles",
    )
    save_page("Film/Drizzle", work + "* RainyDay: a light rain throughout.\n", title="Drizzle")
    save_page("Film/Storm", work + "* SadRain: [[spoiler:the rain never stops at the wake]].\n"
              "* ForgottenUmbrella: twice.\n", title="Storm")  # fmt: skip
    save_page(
        "Film/DryRun", work + "* ForgottenUmbrella: averted, everyone remembers theirs.\n", title="Dry Run"
    )
    save_page("Anime/Sunbeam", "A series.\n----\n* ForgottenUmbrella: in episode two.\n", title="Sunbeam")
    save_page("Film/Secret", work + "* SnowDay: snowed in.\n* ForgottenUmbrella: oops.\n", title="Secret",
              rating="adult")  # fmt: skip
