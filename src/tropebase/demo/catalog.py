"""The demo catalog's content. Every sentence here was written for tropebase; the works are invented.

WORKS: name → (namespace, title, one-line synopsis).
TROPES: name → (title, description markup, {medium label: [(work name, example markup)]}).
Example markup may start with a play-type lead ("Averted in", "{{Subverted}}") and hold spoilers.
"""

from __future__ import annotations

WORKS: dict[str, tuple[str, str, str]] = {
    "TheLighthouseKeeper": (
        "Film",
        "The Lighthouse Keeper",
        "A keeper on a remote island receives letters from a ship that sank years ago.",
    ),
    "PaperMoon Harbor".replace(" ", ""): (
        "Film",
        "Paper Moon Harbor",
        "Two smugglers fall for the same harbour pilot during a long winter.",
    ),
    "TheLastTrain": (
        "Film",
        "The Last Train",
        "Passengers on a night train realise the timetable is counting down.",
    ),
    "CloudAtlasClub": (
        "Film",
        "Cloud Atlas Club",
        "A school club maps clouds and stumbles on a weather conspiracy.",
    ),
    "RiverOfGlass": (
        "Film",
        "River of Glass",
        "A glassblower's apprentice inherits a workshop full of secrets.",
    ),
    "TheClockmakersDaughter": (
        "Literature",
        "The Clockmaker's Daughter",
        "A novel about a girl who can hear when clocks lie.",
    ),
    "SaltAndSorrow": ("Literature", "Salt and Sorrow", "A fishing town saga spanning three generations."),
    "TheOrchardKing": (
        "Literature",
        "The Orchard King",
        "A fable about a boy crowned king of a single apple tree.",
    ),
    "LanternsInTheFog": (
        "Literature",
        "Lanterns in the Fog",
        "A detective novel set in a city where fog never lifts.",
    ),
    "TheQuietCartographer": (
        "Literature",
        "The Quiet Cartographer",
        "A mapmaker charts a country that keeps changing shape.",
    ),
    "MidnightBakery": (
        "Series",
        "Midnight Bakery",
        "A sitcom about a bakery that only opens after midnight.",
    ),
    "StationNine": (
        "Series",
        "Station Nine",
        "A drama about the crew of an underfunded mountain rescue station.",
    ),
    "TheNeighbourhoodWatch": (
        "Series",
        "The Neighbourhood Watch",
        "Retired neighbours solve small crimes on one quiet street.",
    ),
    "CourtOfFoxes": ("Series", "Court of Foxes", "A political drama in an invented kingdom of rival houses."),
    "KitchenConfidential": (
        "Series",
        "Kitchen Rivals",
        "A cooking competition drama with a scheming head judge.",
    ),
    "StarlightCourier": (
        "VideoGame",
        "Starlight Courier",
        "A delivery game across a solar system of tiny planets.",
    ),
    "DungeonOfSmallThings": (
        "VideoGame",
        "Dungeon of Small Things",
        "A roguelike where the hero is the size of a mouse.",
    ),
    "IronGardenTactics": (
        "VideoGame",
        "Iron Garden Tactics",
        "A tactics game about gardeners defending a greenhouse city.",
    ),
    "EchoesOfTheDeep": (
        "VideoGame",
        "Echoes of the Deep",
        "A submarine exploration game with a haunting score.",
    ),
    "RacingSpirits": ("VideoGame", "Racing Spirits", "A kart racer where every driver is a household ghost."),
    "SkyPirateRin": ("Anime", "Sky Pirate Rin", "A girl captains an airship crew of misfits."),
    "MagicalLibrarianMio": (
        "Anime",
        "Magical Librarian Mio",
        "A librarian whose books come alive after closing time.",
    ),
    "ClubOfTheSetting Sun".replace(" ", ""): (
        "Anime",
        "Club of the Setting Sun",
        "A high-school astronomy club with only three members.",
    ),
    "SteelHeartGuardians": (
        "Anime",
        "Steel Heart Guardians",
        "Teenage pilots defend a floating city in giant robots.",
    ),
    "TheBrassBand": ("Manga", "The Brass Band", "A manga about a failing school band and its new conductor."),
    "CaptainWhiskers": (
        "WesternAnimation",
        "Captain Whiskers",
        "A cartoon cat commands a cardboard spaceship.",
    ),
    "TheTinkerTwins": (
        "WesternAnimation",
        "The Tinker Twins",
        "Twin inventors whose gadgets never work as planned.",
    ),
    "ForestPatrol": ("WesternAnimation", "Forest Patrol", "Young rangers protect a magical forest."),
    "SongsFromTheAttic": ("Music", "Songs from the Attic", "A folk album recorded in a single night."),
    "TheWanderingChoir": ("Music", "The Wandering Choir", "A concept album about a choir crossing a desert."),
    "DiceAndDragonsKids": (
        "TabletopGame",
        "Dice and Dragonets",
        "A family role-playing game about baby dragons.",
    ),
    "TheVelvetLedger": (
        "Literature",
        "The Velvet Ledger",
        "An erotic thriller about an accountant and a blackmailer. Rated adult.",
    ),
}

TROPES: dict[str, tuple[str, str, dict[str, list[tuple[str, str]]]]] = {
    "ChekhovsGun": (
        "Chekhov's Gun",
        "An object shown early in a story that turns out to matter later. If the camera lingers on it, it "
        "will be used. Also called the ''Planted Object''. Supertrope of ChekhovsSkill. Compare RedHerring, "
        "which looks important and is not.",
        {
            "Film": [
                (
                    "TheLighthouseKeeper",
                    "The broken foghorn in the first scene [[spoiler:saves the supply boat in the finale]].",
                ),
                (
                    "TheLastTrain",
                    "The conductor's pocket watch, shown in close-up, [[spoiler:is the key to stopping the countdown]].",
                ),
            ],
            "Literature": [
                (
                    "TheClockmakersDaughter",
                    "Every clock in the prologue comes back; [[spoiler:the cuckoo clock hides the will]].",
                ),
                (
                    "LanternsInTheFog",
                    "{{Averted}}: the detective's revolver is mentioned in every chapter and never fired.",
                ),
            ],
            "Video Games": [
                (
                    "DungeonOfSmallThings",
                    "The thimble you find on the first floor [[spoiler:is the only armour that survives the final boss]].",
                )
            ],
            "Western Animation": [
                ("TheTinkerTwins", "The rubber-band launcher from the pilot returns in the season finale.")
            ],
        },
    ),
    "RedHerring": (
        "Red Herring",
        "A clue planted to mislead the audience. The shifty butler, the muddy boots, the convenient "
        "letter: all pointing the wrong way. Contrast ChekhovsGun. Often found in a WhodunIt.",
        {
            "Literature": [
                (
                    "LanternsInTheFog",
                    "The missing umbrella points at the landlord, [[spoiler:who was at the opera all night]].",
                ),
                ("SaltAndSorrow", "The drowned sailor's diary suggests a mutiny that never happened."),
            ],
            "Live-Action TV": [
                (
                    "TheNeighbourhoodWatch",
                    "Every episode has a suspicious gardener. {{Subverted}} once: [[spoiler:the gardener did it]].",
                ),
                ("CourtOfFoxes", "The poisoned goblet is a decoy; [[spoiler:the poison was in the ink]]."),
            ],
            "Film": [
                (
                    "CloudAtlasClub",
                    "The rival club's weather balloon looks like sabotage but is just a birthday surprise.",
                )
            ],
        },
    ),
    "TheMentor": (
        "The Mentor",
        "An older, wiser character who guides the hero. Mentors tend to leave the story before the final "
        "test so the hero must face it alone. Often ends with a HeroicSacrifice. Sister trope of "
        "TheObiWan.",
        {
            "Anime and Manga": [
                ("SkyPirateRin", "Old navigator Goro teaches Rin to read the winds."),
                ("TheBrassBand", "The new conductor was once the band's worst trumpet player."),
            ],
            "Film": [("RiverOfGlass", "The master glassblower teaches through riddles and burnt fingers.")],
            "Video Games": [
                (
                    "StarlightCourier",
                    "Your first employer, a retired courier, radios advice between deliveries.",
                )
            ],
            "Live-Action TV": [
                (
                    "StationNine",
                    "The station chief trains every rookie personally. [[spoiler:He retires in the last episode]].",
                )
            ],
        },
    ),
    "HeroicSacrifice": (
        "Heroic Sacrifice",
        "A character gives their life, or something close to it, so that others may live. A subtrope of "
        "{{Sacrifice}}. Compare TheMentor, who is often the one to do it.",
        {
            "Anime and Manga": [
                (
                    "SteelHeartGuardians",
                    "[[spoiler:Captain Aiko flies her damaged robot into the storm engine]].",
                ),
                (
                    "SkyPirateRin",
                    "{{Subverted}}: Goro seems to go down with the old ship, [[spoiler:but turns up in the next arc with a parachute]].",
                ),
            ],
            "Western Animation": [
                ("ForestPatrol", "The oldest tree spirit [[spoiler:gives its roots to stop the wildfire]].")
            ],
            "Video Games": [
                (
                    "EchoesOfTheDeep",
                    "[[spoiler:Your co-pilot seals the flooding bulkhead from the wrong side]].",
                )
            ],
            "Film": [
                (
                    "TheLastTrain",
                    "Defied: the conductor refuses to let anyone stay behind, and finds another way.",
                )
            ],
        },
    ),
    "LoveTriangle": (
        "Love Triangle",
        "Three characters, two of whom love the same person. Expect jealousy, longing looks and at least "
        "one confession in the rain. Compare TheRival.",
        {
            "Film": [
                (
                    "PaperMoonHarbor",
                    "Both smugglers court the harbour pilot, [[spoiler:who chooses neither]].",
                ),
                (
                    "RiverOfGlass",
                    "Downplayed: the apprentice's crush on the rival workshop's owner is mostly glances.",
                ),
            ],
            "Anime and Manga": [
                ("ClubOfTheSettingSun", "Two club members like the third, who only likes stars.")
            ],
            "Live-Action TV": [
                (
                    "KitchenConfidential",
                    "The head judge, the pastry chef and the sous-chef form a very bitter triangle.",
                )
            ],
            "Literature": [("SaltAndSorrow", "The middle generation's triangle ends in a storm at sea.")],
        },
    ),
    "MacGuffin": (
        "MacGuffin",
        "The object everyone wants, whose real importance is that everyone wants it. What it does hardly "
        "matters. Compare ChekhovsGun.",
        {
            "Film": [("CloudAtlasClub", "The club's stolen cloud map; nobody ever explains how to read it.")],
            "Video Games": [
                (
                    "StarlightCourier",
                    "The sealed parcel you carry for the whole game. [[spoiler:It is empty]].",
                ),
                (
                    "RacingSpirits",
                    "The Golden Teacup trophy, which every ghost wants for sentimental reasons.",
                ),
            ],
            "Western Animation": [("CaptainWhiskers", "The last can of tuna in the galaxy.")],
            "Literature": [
                ("TheOrchardKing", "The golden apple that would make the king's tree the only tree.")
            ],
        },
    ),
    "BittersweetEnding": (
        "Bittersweet Ending",
        "The heroes win, but at a price that keeps the ending from being happy. Compare DownerEnding and "
        "contrast EverybodyLives.",
        {
            "Film": [
                (
                    "TheLighthouseKeeper",
                    "[[spoiler:The letters stop, the keeper leaves the island, and the light goes dark]].",
                ),
                ("PaperMoonHarbor", "The pilot sails away, and the smugglers become friends."),
            ],
            "Anime and Manga": [
                ("SteelHeartGuardians", "The city is saved; [[spoiler:the robots are all lost]].")
            ],
            "Literature": [
                (
                    "TheQuietCartographer",
                    "The country finally holds still, [[spoiler:but the cartographer can no longer see it]].",
                )
            ],
            "Music": [
                ("TheWanderingChoir", "The last track: the choir reaches the sea with half its voices.")
            ],
        },
    ),
    "CallToAdventure": (
        "Call to Adventure",
        "The moment the hero is asked to leave ordinary life. The hero may accept, refuse, or be dragged "
        "along. Supertrope of RefusalOfTheCall.",
        {
            "Anime and Manga": [
                (
                    "SkyPirateRin",
                    "A wanted poster with Rin's face on it arrives before she has done anything.",
                ),
                ("MagicalLibrarianMio", "An overdue book asks Mio to return it to its real owner."),
            ],
            "Video Games": [
                ("DungeonOfSmallThings", "A crumb trail leads from the mouse hole to the dungeon.")
            ],
            "Western Animation": [("CaptainWhiskers", "A distress signal comes from the laundry basket.")],
            "Tabletop Games": [
                (
                    "DiceAndDragonsKids",
                    "Every adventure begins with an egg that hatches in someone's backpack.",
                )
            ],
        },
    ),
    "EvilTwin": (
        "Evil Twin",
        "A double of a hero with the opposite morals, often marked by a goatee or a scar. Inverted when the "
        "twin is the good one. Compare TheDopplegangerFight.",
        {
            "Western Animation": [
                ("TheTinkerTwins", "Inverted: the 'evil' robot copy of Tilly is the polite one.")
            ],
            "Live-Action TV": [
                ("MidnightBakery", "The baker's twin runs a rival breakfast café and is merely rude.")
            ],
            "Video Games": [("RacingSpirits", "The mirror-track boss is your own ghost, driving backwards.")],
            "Anime and Manga": [("SteelHeartGuardians", "[[spoiler:The enemy ace is the hero's clone]].")],
            "Literature": [
                ("TheClockmakersDaughter", "Discussed: the girl wonders if her reflection is the evil one.")
            ],
        },
    ),
    "TheChosenOne": (
        "The Chosen One",
        "One person, singled out by prophecy or fate, is the only one who can save the day. Often {{Subverted}}. "
        "Compare {{Because Destiny Says So}}.",
        {
            "Literature": [
                (
                    "TheOrchardKing",
                    "The boy is chosen by the apple tree because he was the only one who watered it.",
                )
            ],
            "Anime and Manga": [
                ("MagicalLibrarianMio", "{{Subverted}}: [[spoiler:the prophecy meant the cat, not Mio]].")
            ],
            "Video Games": [("IronGardenTactics", "The seed that only your gardener can plant.")],
            "Tabletop Games": [
                ("DiceAndDragonsKids", "Averted: the rules say any player can be the hero of the prophecy.")
            ],
            "Film": [
                (
                    "CloudAtlasClub",
                    "Parodied: the club's youngest member declares himself the chosen one of clouds.",
                )
            ],
        },
    ),
    "BigDamnHeroes": (
        "Big Damn Heroes",
        "When all seems lost, help arrives at the last possible second, usually with a good line. "
        "Compare CavalryArrives.",
        {
            "Live-Action TV": [("StationNine", "The whole crew arrives on skis just as the cable snaps.")],
            "Anime and Manga": [
                ("SkyPirateRin", "The misfit crew returns with the stolen airship in the last minute.")
            ],
            "Western Animation": [("ForestPatrol", "The rangers' pet owls swoop in with water buckets.")],
            "Video Games": [
                ("IronGardenTactics", "Reinforcement snails arrive on the last turn of the hardest mission.")
            ],
            "Film": [("TheLastTrain", "The passengers from the other carriages force the door together.")],
        },
    ),
    "FishOutOfWater": (
        "Fish out of Water",
        "A character dropped into surroundings they do not understand. The comedy comes from the mismatch. "
        "Compare CultureClash.",
        {
            "Live-Action TV": [
                (
                    "MidnightBakery",
                    "The new baker came from a five-star hotel and has never seen a doughnut fryer.",
                ),
                (
                    "KitchenConfidential",
                    "A street-food cook joins a competition of classically trained chefs.",
                ),
            ],
            "Anime and Manga": [
                ("MagicalLibrarianMio", "A knight from a novel tries to use the photocopier.")
            ],
            "Western Animation": [("CaptainWhiskers", "The crew lands on a planet of dogs.")],
            "Film": [("RiverOfGlass", "The apprentice, raised in a city office, has never lit a furnace.")],
        },
    ),
    "TheRival": (
        "The Rival",
        "A competitor who pushes the hero to be better. Not a villain, just always one step ahead. Compare "
        "FriendlyRivalry.",
        {
            "Anime and Manga": [
                ("TheBrassBand", "The champion band's trumpet player visits every rehearsal to sneer."),
                ("ClubOfTheSettingSun", "The photography club wants the same roof for the same night."),
            ],
            "Video Games": [("RacingSpirits", "Lady Teapot, who always starts one place ahead of you.")],
            "Live-Action TV": [
                ("KitchenConfidential", "Two sous-chefs compete for the same apprenticeship.")
            ],
            "Film": [("CloudAtlasClub", "The rival weather club across town.")],
        },
    ),
    "HiddenDepths": (
        "Hidden Depths",
        "A character turns out to have skills or feelings nobody expected. Compare {{Not So Above It All}}.",
        {
            "Live-Action TV": [
                ("TheNeighbourhoodWatch", "The grumpy retired postman can read any handwriting."),
                ("MidnightBakery", "The night cashier writes poetry on the receipts."),
            ],
            "Western Animation": [
                ("TheTinkerTwins", "Their silent grandfather built the first robot in town.")
            ],
            "Literature": [("LanternsInTheFog", "The detective's landlady once ran a spy ring.")],
            "Music": [("SongsFromTheAttic", "The album's cheerful banjo tune has lyrics about loss.")],
        },
    ),
    "TimeSkip": (
        "Time Skip",
        "The story jumps ahead by months or years, and the characters have changed. Compare DistantFinale.",
        {
            "Anime and Manga": [
                ("SteelHeartGuardians", "Five years pass between the two seasons."),
                ("TheBrassBand", "The final chapter jumps to the band's ten-year reunion."),
            ],
            "Literature": [("SaltAndSorrow", "Each part skips a generation.")],
            "Video Games": [("EchoesOfTheDeep", "The epilogue takes place after the sea has been mapped.")],
            "Film": [("TheLighthouseKeeper", "The last scene jumps twenty years ahead.")],
        },
    ),
    "WiseOldTree": (
        "Wise Old Tree",
        "An ancient talking tree that gives advice, often slowly. A subtrope of TheMentor.",
        {
            "Western Animation": [("ForestPatrol", "Grandmother Oak, who answers questions a season later.")],
            "Literature": [("TheOrchardKing", "The apple tree itself, which speaks only in autumn.")],
            "Video Games": [("IronGardenTactics", "The greenhouse's oldest fern gives mission briefings.")],
            "Tabletop Games": [
                ("DiceAndDragonsKids", "The Elder Elm is a character every table can consult once per game.")
            ],
            "Anime and Manga": [
                ("MagicalLibrarianMio", "A bonsai in the reading room remembers every borrower.")
            ],
        },
    ),
    "EarWorm": (
        "Ear Worm",
        "A tune that gets stuck in your head, in the story or in the audience. Compare {{Leitmotif}}.",
        {
            "Music": [
                ("SongsFromTheAttic", "The whistled chorus of the second track."),
                ("TheWanderingChoir", "The marching round the choir sings on every dune."),
            ],
            "Video Games": [
                ("StarlightCourier", "The delivery jingle plays every time you drop a parcel."),
                ("RacingSpirits", "The menu theme, hummed by the ghosts while they wait."),
            ],
            "Live-Action TV": [
                ("MidnightBakery", "The oven timer's song, which the cast sings in the finale.")
            ],
        },
    ),
    "NotSoDifferent": (
        "Not So Different",
        "The villain tells the hero that they are alike. Sometimes the villain is right. Compare "
        "TheRival and contrast EvilTwin.",
        {
            "Live-Action TV": [
                (
                    "CourtOfFoxes",
                    "The usurper reminds the queen that her grandfather took the throne the same way.",
                )
            ],
            "Anime and Manga": [
                ("SteelHeartGuardians", "[[spoiler:The clone]] points out they share every memory.")
            ],
            "Literature": [
                ("TheQuietCartographer", "The rival mapmaker says they both draw what they wish were true.")
            ],
            "Video Games": [
                ("EchoesOfTheDeep", "Invoked: the salvage captain quotes your own log back at you.")
            ],
            "Film": [("PaperMoonHarbor", "Each smuggler accuses the other of the same trick.")],
        },
    ),
    "RunningGag": (
        "Running Gag",
        "A joke repeated throughout a work, funnier each time (or so the writers hope).",
        {
            "Western Animation": [
                ("CaptainWhiskers", "The ship's cardboard door falls off in every episode."),
                ("TheTinkerTwins", "Every gadget is named after a sandwich."),
            ],
            "Live-Action TV": [("TheNeighbourhoodWatch", "The missing garden gnome that is never found.")],
            "Video Games": [
                (
                    "DungeonOfSmallThings",
                    "The same cheese-seller appears on every floor, more expensive each time.",
                )
            ],
            "Anime and Manga": [
                (
                    "ClubOfTheSettingSun",
                    "Lampshaded: the club president counts how many times the telescope falls over.",
                )
            ],
        },
    ),
    "CosyCatastrophe": (
        "Cosy Catastrophe",
        "The world ends, or nearly, but the survivors have a pleasant time anyway. Compare AfterTheEnd.",
        {
            "Literature": [
                (
                    "TheQuietCartographer",
                    "The country dissolves, and everyone has tea on the hills that remain.",
                )
            ],
            "Video Games": [
                ("StarlightCourier", "The sun is going out, and you still deliver birthday cards.")
            ],
            "Music": [
                ("TheWanderingChoir", "The desert has swallowed the towns, and the choir sings anyway.")
            ],
            "Film": [("TheLastTrain", "Zig-zagged: the passengers panic, then picnic, then panic again.")],
            "Tabletop Games": [
                ("DiceAndDragonsKids", "The 'End of the Egg' campaign ends the world with a nap.")
            ],
        },
    ),
    "TheCameo": (
        "The Cameo",
        "A famous person, or a character from another work, appears briefly.",
        {
            "Western Animation": [("ForestPatrol", "Captain Whiskers flies over the forest in one episode.")],
            "Film": [("CloudAtlasClub", "The director plays the cloud-spotting bus driver.")],
            "Live-Action TV": [("StationNine", "A famous mountaineer plays a lost hiker.")],
            "Video Games": [
                ("RacingSpirits", "A courier from Starlight Courier races as a secret character.")
            ],
            "Anime and Manga": [("SkyPirateRin", "The Brass Band's conductor plays on the airship deck.")],
        },
    ),
    "LateForClass": (
        "Late for Class",
        "A character runs late, usually with toast in their mouth, and meets someone important on the way.",
        {
            "Anime and Manga": [
                ("ClubOfTheSettingSun", "The president is late to every meeting of her own club."),
                ("TheBrassBand", "The new conductor arrives late to his first rehearsal, carrying toast."),
            ],
            "Live-Action TV": [
                ("MidnightBakery", "Exaggerated: the night shift is late even though it starts at midnight.")
            ],
            "Western Animation": [
                ("TheTinkerTwins", "Their alarm-clock invention makes them later every morning.")
            ],
            "Video Games": [
                ("StarlightCourier", "Deliveries have a timer; being late only changes the thank-you note.")
            ],
        },
    ),
    "TreasureMap": (
        "Treasure Map",
        "A map to something valuable, often torn in pieces or written in riddles. Compare MacGuffin.",
        {
            "Anime and Manga": [
                ("SkyPirateRin", "The map is tattooed on the ship's cat, [[spoiler:in invisible ink]].")
            ],
            "Literature": [
                (
                    "TheQuietCartographer",
                    "Every map the cartographer draws becomes a treasure map a year later.",
                )
            ],
            "Video Games": [("DungeonOfSmallThings", "A map drawn on a postage stamp.")],
            "Western Animation": [("CaptainWhiskers", "The map to the tuna is printed on a cereal box.")],
            "Tabletop Games": [
                ("DiceAndDragonsKids", "The starter box includes a map players tear into pieces.")
            ],
        },
    ),
    "StormOfTheCentury": (
        "Storm of the Century",
        "A storm so big it becomes a character. Everything important happens during it. Compare "
        "DarkAndStormyNight.",
        {
            "Film": [
                ("TheLighthouseKeeper", "The storm in the second act cuts the island off for a week."),
                ("PaperMoonHarbor", "The winter storm strands both smugglers in the same tavern."),
            ],
            "Literature": [
                ("SaltAndSorrow", "The storm of the middle part is remembered in every later chapter.")
            ],
            "Live-Action TV": [("StationNine", "The two-part finale takes place during a blizzard.")],
            "Music": [
                ("SongsFromTheAttic", "The title track was recorded while a storm knocked out the power.")
            ],
        },
    ),
}

#: Aliases written in descriptions are found by the catalog; these pages are redirects.
REDIRECTS: dict[str, str] = {"PlantedObject": "ChekhovsGun", "ChekhovsArmoury": "ChekhovsGun"}

#: A few examples are written on the work's page instead: they show on the trope's page too.
WORK_PAGE_EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "StationNine": [
        ("HiddenDepths", "The cook is a former avalanche scientist."),
        ("RunningGag", "The rescue dog steals a glove in every episode."),
    ],
    "MagicalLibrarianMio": [("RunningGag", "The library cat is always asleep on the returns cart.")],
    "TheVelvetLedger": [
        ("RedHerring", "The missing ledger page points at the wrong partner."),
        ("HiddenDepths", "The quiet accountant turns out to be a champion fencer."),
    ],
}

ADULT_PAGES = {"TheVelvetLedger"}
