"""Classifier: statements keep who said it, for which municipality, against what, and why."""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    table = db["statements"]
    for column, kind in (
        ("speaker_party", str),
        ("municipality_code", str),
        ("region_lan_code", str),
        ("target", str),
        ("evidence", str),  # JSON object: model, version, score, features that drove the decision
        ("quote_kind", str),  # pratminus | quote | indirect | headline | narrative
    ):
        if column not in table.columns_dict:
            table.add_column(column, kind)
    table.create_index(["municipality_code"], if_not_exists=True)
    table.create_index(["region_lan_code"], if_not_exists=True)
