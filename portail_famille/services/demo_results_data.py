"""The demo's subjects, teachers and published marks (Thomas in secondary, Léa in primary)."""

from __future__ import annotations

from datetime import date

# (subject, teacher, e-mail, [(title, day, score, out of)])
THOMAS_SUBJECTS = [
    (
        "Français",
        "Mme Geneviève Bélanger",
        "g.belanger",
        [
            ("Dictée no 1", date(2026, 9, 11), 17, 20),
            ("Compréhension de lecture", date(2026, 10, 2), 78, 100),
            ("Production écrite : le récit", date(2026, 10, 30), 84, 100),
        ],
    ),
    (
        "Mathématiques",
        "M. Olivier Fortin",
        "o.fortin",
        [
            ("Test : nombres rationnels", date(2026, 9, 18), 72, 100),
            ("Situation-problème 1", date(2026, 10, 9), 81, 100),
            ("Test : expressions algébriques", date(2026, 10, 23), 88, 100),
            ("Mini-test : équations", date(2026, 11, 6), 9, 10),
        ],
    ),
    (
        "Anglais, langue seconde",
        "Ms. Karen Wilson",
        "k.wilson",
        [
            ("Oral interaction", date(2026, 9, 25), 90, 100),
            ("Reading response", date(2026, 10, 16), 85, 100),
        ],
    ),
    (
        "Science et technologie",
        "Mme Amélie Pelletier",
        "a.pelletier",
        [
            ("Laboratoire : la cellule", date(2026, 10, 1), 76, 100),
            ("Test : l'univers vivant", date(2026, 11, 4), 82, 100),
        ],
    ),
    (
        "Histoire",
        "M. François Gauthier",
        "f.gauthier",
        [
            ("Questionnaire : la Renaissance", date(2026, 10, 20), 74, 100),
        ],
    ),
]
LEA_SUBJECTS = [
    (
        "Français",
        "Mme Julie Lavoie",
        "j.lavoie",
        [
            ("Lecture : le conte", date(2026, 9, 24), 88, 100),
            ("Dictée de la semaine", date(2026, 10, 15), 18, 20),
        ],
    ),
    (
        "Mathématiques",
        "Mme Julie Lavoie",
        "j.lavoie",
        [
            ("Les fractions", date(2026, 10, 8), 92, 100),
            ("Résoudre un problème", date(2026, 11, 5), 85, 100),
        ],
    ),
    (
        "Anglais, langue seconde",
        "Mr. David Brown",
        "d.brown",
        [
            ("Vocabulary quiz", date(2026, 10, 21), 95, 100),
        ],
    ),
]
