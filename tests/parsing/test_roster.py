from __future__ import annotations

from pathlib import Path

from app.parsing import Roster, RosterMember
from app.parsing.roster import split_names, strip_title, surname, voter_name


def _roster() -> Roster:
    return Roster(
        members=[
            RosterMember(name="Dana Pressley", aliases=["Chair Pressley"]),
            RosterMember(name="Maria Alvarez"),
            RosterMember(name="Kevin Lee", aliases=["K. Lee"]),
            RosterMember(name="Robert Allen Fisk"),
        ]
    )


def test_strip_title_removes_titles_and_case() -> None:
    assert strip_title("Commissioner Alvarez") == "Alvarez"
    assert strip_title("Vice Chair Lee") == "Lee"
    assert strip_title("COUNCILMEMBER BACERRA") == "Bacerra"
    assert strip_title("Mayor Pro Tem Phan") == "Phan"
    assert strip_title("Comm. PRESSLEY") == "Pressley"


def test_surname_drops_first_names_and_initials() -> None:
    assert surname("Z. Maiorca") == "Maiorca"
    assert surname("Commissioner Dana Pressley") == "Pressley"
    assert surname("Maria de la Cruz") == "de la Cruz"


def test_split_names_handles_commas_and_none() -> None:
    assert split_names("Mashack, Brown, Allen Fisk and Bello") == ["Mashack", "Brown", "Allen Fisk", "Bello"]
    assert split_names("None") == []
    assert split_names(" NONE ") == []


def test_resolve_titled_misspelt_and_upper_case_names() -> None:
    roster = _roster()
    assert roster.resolve("Chairperson Pressley") == "Dana Pressley"
    assert roster.resolve("Presley") == "Dana Pressley"
    assert roster.resolve("Comm. PRESSLEY") == "Dana Pressley"
    assert roster.resolve("Commissioner Alvares") == "Maria Alvarez"
    assert roster.resolve("Vice Chair Lee") == "Kevin Lee"


def test_resolve_unknown_name_is_none() -> None:
    roster = _roster()
    assert roster.resolve("Commissioner Thompson") is None
    assert roster.resolve("") is None


def test_resolve_ambiguous_surname_needs_first_name() -> None:
    roster = Roster.from_names(["Ann Lee", "Bo Lee"])
    assert roster.resolve("Lee") is None
    assert roster.resolve("Bo Lee") == "Bo Lee"
    assert roster.resolve("B. Lee") == "Bo Lee"


def test_from_members_and_from_csv(tmp_path: Path) -> None:
    roster = Roster.from_members([("Dana Pressley", ["Presslee"]), ("Maria Alvarez", [])])
    assert roster.resolve("presslee") == "Dana Pressley"
    path = tmp_path / "roster.csv"
    path.write_text("name,aliases\nDana Pressley,Chair Pressley;Presslie\nMaria Alvarez,\n", encoding="utf-8")
    loaded = Roster.from_csv(path)
    assert [m.name for m in loaded.members] == ["Dana Pressley", "Maria Alvarez"]
    assert loaded.resolve("Presslie") == "Dana Pressley"


def test_voter_name_keeps_two_word_surnames_the_document_uses() -> None:
    assert voter_name("Commissioner Allen Fisk", None, ["Allen Fisk"]) == "Allen Fisk"
    assert voter_name("Commissioner Allen Fisk", None) == "Fisk"
    assert voter_name("Commissioner Allen Fisk", _roster()) == "Robert Allen Fisk"
