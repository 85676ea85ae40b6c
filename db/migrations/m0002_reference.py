"""Reference tables: municipalities (with K-category), regions and municipality aliases."""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["regions"].create(
        {
            "lan_code": str,  # two digits, "18"
            "lan_name": str,
            "region_name": str,
            "transit_authority": str,
            "transit_brands": str,  # "|"-separated
            "rus_name": str,
            "rus_years": str,
        },
        pk="lan_code",
    )
    db["municipalities"].create(
        {
            "code": str,  # four-digit kommunkod, "1860"
            "name": str,
            "lan_code": str,
            "lan_name": str,
            "population": int,  # NULL where no sourced figure was found
            "population_year": int,
            "population_source": str,
            "lat": float,  # main town, WGS84
            "lon": float,
            "main_town": str,
            "k_category": str,  # 'K1' | 'K2' | 'K3'
            "travel_minutes_to_k1": float,
        },
        pk="code",
        not_null={"name", "lan_code"},
    )
    db["municipalities"].create_index(["lan_code"])
    db["municipalities"].create_index(["name"])
    db["municipalities"].create_index(["k_category"])
    db["municipality_aliases"].create(
        {"alias": str, "code": str, "kind": str},
        pk=("alias", "code"),
        foreign_keys=[("code", "municipalities", "code")],
    )
    db["municipality_aliases"].create_index(["code"])
