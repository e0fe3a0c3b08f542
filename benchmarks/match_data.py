"""The data the name-matching measurements use: real list snapshots, one-edit misspellings, and
a seeded corpus of ordinary names on no list.

Shared by `benchmarks/match_bench.py` and `tests/match/`, so the test bounds and the reported
figures come from the same generators.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

from writ.lists.csl import import_csl_json
from writ.lists.ofac_csv import import_ofac
from writ.lists.records import ListEntry

SDN_2024 = "jackdwyer-sdn/2024-05-03/sdn.csv"
CSL_JSON = "export-controls-mcp/screening-list.json"


def find_data(start: Path) -> Path | None:
    """../shared/data from a clone, or from a worktree further below it."""
    for base in (start, *start.parents):
        if (base / "shared" / "data" / "SOURCES.md").is_file():
            return base / "shared" / "data"
    return None


def sdn_2024(data: Path) -> list[ListEntry]:
    return list(import_ofac(data / SDN_2024, as_of=dt.date(2024, 5, 3)).entries)


def csl(data: Path) -> list[ListEntry]:
    """The CSL compaction (names and alt names; SOURCES.md section 3), through the lists importer."""
    return list(import_csl_json(data / CSL_JSON).entries)


def glomag_names(entries: list[ListEntry]) -> list[tuple[ListEntry, str]]:
    """(entry, name) for each primary name and alias of every GLOMAG entry."""
    return [(e, name) for e in entries if "GLOMAG" in e.programs for name in e.all_names()]


def one_edit(name: str, rng: random.Random) -> str:
    """The name with one random deletion, insertion, substitution or transposition of a letter."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters)
    op = rng.choice(("delete", "insert", "substitute", "transpose"))
    new = rng.choice(string.ascii_uppercase if name[i].isupper() else string.ascii_lowercase)
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "insert":
        return name[:i] + new + name[i:]
    if op == "substitute":
        while new.lower() == name[i].lower():
            new = rng.choice(string.ascii_uppercase)
        return name[:i] + new + name[i + 1 :]
    j = i + 1 if i + 1 < len(name) else i - 1
    a, b = sorted((i, j))
    if name[a].lower() == name[b].lower():  # swapping equal letters changes nothing: substitute
        return one_edit(name, rng)
    return name[:a] + name[b] + name[a] + name[b + 1 :]


# ---- ordinary names on no list: several languages, persons and companies

GIVEN = {
    "en": "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Susan Richard Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Sandra Steven Ashley Paul Emily Andrew Donna Joshua Michelle Kevin Carol Brian Amanda George Melissa Timothy Deborah",
    "es": "Jose Maria Juan Carmen Luis Ana Carlos Laura Javier Isabel Miguel Lucia Pedro Elena Jorge Marta Alejandro Rosa Fernando Pilar Diego Sofia Rafael Teresa Manuel Paula Pablo Cristina Sergio Beatriz",
    "de": "Hans Anna Peter Ursula Wolfgang Monika Klaus Petra Jurgen Sabine Dieter Renate Stefan Katrin Uwe Birgit Matthias Heike Frank Claudia Tobias Julia Lukas Lena Felix Greta",
    "fr": "Jean Marie Pierre Nathalie Michel Isabelle Philippe Sylvie Alain Catherine Nicolas Sophie Francois Valerie Julien Camille Antoine Chloe Mathieu Aurelie",
    "ru": "Alexander Olga Sergey Tatiana Dmitry Elena Andrei Natalia Alexei Irina Mikhail Svetlana Ivan Ekaterina Nikolai Anastasia Vladimir Yulia Pavel Marina",
    "ar": "Mohammed Fatima Ahmed Aisha Ali Maryam Omar Khadija Hassan Zainab Youssef Layla Khalid Noor Ibrahim Huda Mustafa Salma Tariq Amira",
    "zh": "Wei Fang Lei Jing Qiang Li Jun Min Yong Yan Jie Ying Tao Hui Ming Xiu Hao Lan Bo Na",
    "in": "Rahul Priya Amit Anjali Vikram Sunita Rajesh Kavita Suresh Deepa Arjun Neha Sanjay Pooja Anil Meena",
    "tr": "Mehmet Ayse Mustafa Fatma Ahmet Emine Huseyin Hatice Ibrahim Zeynep Emre Elif Burak Merve",
}
SURNAMES = {
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins",
    "es": "Garcia Rodriguez Martinez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes Morales Ortiz Castillo Romero Alvarez Ruiz Navarro Dominguez Vazquez Ramos Gil Serrano Blanco Molina Suarez Castro",
    "de": "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schroder Neumann Schwarz Zimmermann Braun Kruger Hartmann Lange Werner Krause",
    "fr": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garnier Faure Rousseau Blanc Guerin Fontaine Chevalier Girard",
    "ru": "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev",
    "ar": "Haddad Khoury Nasser Saleh Hamdan Mansour Aziz Karim Rahman Farouk Habib Jaber Qasim Sabbagh Darwish Bakr Shami Tamimi Hijazi Najjar",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo",
    "in": "Sharma Verma Gupta Patel Singh Kumar Reddy Iyer Nair Mehta Joshi Desai Kapoor Malhotra Chopra Bose",
    "tr": "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan",
}
PLACES = "Nordic Atlantic Pacific Alpine Baltic Shenzhen Guangzhou Suzhou Ningbo Bavaria Rhine Lyon Marseille Andes Pampas Sahara Nile Delta Volga Ural Deccan Kerala Anatolia Aegean Cascade Prairie Summit Harbor Riverside Lakeview Westfield Oakridge Maple Cedar Granite Silver Golden Blue Green Bright Evergreen Pioneer Liberty Horizon Meridian Crescent Sunrise".split()
TRADES = "Precision Components|Logistics|Textiles|Food Products|Engineering|Software Solutions|Dental Supplies|Furniture|Packaging|Agricultural Machinery|Medical Devices|Consulting|Printing|Auto Parts|Solar Energy|Water Systems|Ceramics|Paper Mills|Cosmetics|Bakery|Optics|Garden Centre|Bicycles|Tiles|Legal Services|Accounting|Catering|Footwear|Toys|Pharmacy".split("|")
FORMS = ["GmbH", "Ltd.", "LLC", "Inc.", "S.A.", "Co., Ltd.", "S.L.", "SARL", "AG", "B.V.", "Pty Ltd", "S.p.A.", "Limited", "Corp.", "OOO", "JSC", "A.S.", "Pvt. Ltd.", ""]


def ordinary_names(count: int, seed: int = 2024) -> list[str]:
    """Plausible names of people and companies, half each, from common words of many languages."""
    rng = random.Random(seed)
    langs = sorted(GIVEN)
    out: list[str] = []
    while len(out) < count:
        lang = rng.choice(langs)
        given, surnames = GIVEN[lang].split(), SURNAMES[lang].split()
        if rng.random() < 0.5:
            parts = [rng.choice(given), rng.choice(surnames)]
            if rng.random() < 0.3:
                parts.insert(1, rng.choice(given))
            if lang == "es" and rng.random() < 0.5:
                parts.append(rng.choice(surnames))
            name = " ".join(parts)
            if rng.random() < 0.3:  # the list's own "SURNAME, Given" order
                name = f"{parts[-1].upper()}, {' '.join(parts[:-1])}"
        else:
            head = rng.choice(PLACES) if rng.random() < 0.6 else rng.choice(surnames)
            if rng.random() < 0.3:
                head += " " + rng.choice(PLACES)
            name = f"{head} {rng.choice(TRADES)} {rng.choice(FORMS)}".strip()
        out.append(name)
    return out


def unlisted(index, names: list[str]) -> list[str]:
    """The names that equal no listed name after normalisation."""
    from writ.match.normalise import normalise

    return [n for n in names if not index.lookup(normalise(n))]
