"""Check the portal metadata with the portals' own code, offline: CKAN's package schema for
ckan-dataset.json and hdx-python-api for hdx-dataset.json.

    .venv-portals/bin/python scripts/check_portals.py ckan|hdx FILE

Prints {"errors": ..., "dataset": ...} as JSON, what the portal's code makes of FILE, and exits 1
when it refuses it. It runs in .venv-portals (`make portals`), not .venv: CKAN pins every dependency
exactly and hdx-python-utilities wants python-dateutil<3.1, both at odds with constraints.txt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

Errors = dict[str, Any]


# ---- CKAN ---------------------------------------------------------------------------------------
def _ckan_defaults() -> None:
    """Every CKAN option at its declared default, as on a portal that sets none of them; CKAN's
    start-up (ckan/config/environment.py) does the same. Among them ckan.auth.create_unowned_dataset
    is false: a dataset needs an organisation."""
    from ckan.common import config, config_declaration

    config_declaration.setup()
    config_declaration.make_safe(config)
    config_declaration.normalize(config)


def _name_is_free(key: tuple, data: dict, errors: dict, context: dict) -> None:
    """Stands for package_name_validator, which asks the portal's database whether another dataset
    has the name already: only the portal can tell. Its length limits are name_validator's too, and
    that one runs."""


def _owner_org(key: tuple, data: dict, errors: dict, context: dict) -> None:
    """Stands for owner_org_validator where that one needs the database. With no organisation it
    reads only CKAN's configuration, so there it runs as it is ('' it takes as no organisation, after
    a user look-up). With one, it looks the organisation and the user's rights up in the database:
    only the portal can tell, so here the value need only be a name CKAN could give an organisation."""
    from ckan.lib.navl.dictization_functions import missing
    from ckan.logic import get_validator

    value = data.get(key)
    if value is missing or value is None or value == "":
        data[key] = missing
        get_validator("owner_org_validator")(key, data, errors, context)
        return
    get_validator("name_validator")(value, context)


def _offline(validators: list, stand_ins: dict[str, Any]) -> list:
    from ckan.logic import get_validator

    swap = {get_validator(name): stand_in for name, stand_in in stand_ins.items()}
    return [swap.get(v, v) for v in validators]


def ckan_check(dataset: dict[str, Any]) -> tuple[Errors, dict[str, Any]]:
    """CKAN's own package_create validation: default_create_package_schema() through navl's validate().

    Only the two validators that always reach the database are replaced (package_name_validator and
    owner_org_validator, above). The others that can reach it (package_id_does_not_exist,
    resource_id_does_not_exist, vocabulary_id_exists, empty_if_not_sysadmin) run only when the
    metadata carries ids, which metadata for a new dataset must not: should it, they fail here for
    want of a database, and the check with them. The context is an uploader's who is no sysadmin:
    CKAN drops the fields such a user may not set (state, plugin_data, metadata_modified)."""
    from ckan.lib.navl.dictization_functions import validate
    from ckan.logic.schema import default_create_package_schema

    _ckan_defaults()
    schema = default_create_package_schema()
    schema["name"] = _offline(schema["name"], {"package_name_validator": _name_is_free})
    schema["owner_org"] = _offline(schema["owner_org"], {"owner_org_validator": _owner_org})
    converted, errors = validate(dataset, schema, {"user": ""})
    return errors, converted


# ---- HDX ----------------------------------------------------------------------------------------
def hdx_check(dataset: dict[str, Any]) -> tuple[Errors, dict[str, Any]]:
    """hdx-python-api's checks before it creates a dataset on HDX (Dataset.create_in_hdx runs the
    same two), with HDX's vocabularies that it has offline: update frequencies, the time period's
    form, and the countries that location groups name."""
    from hdx.api.configuration import Configuration
    from hdx.data.dataset import Dataset
    from hdx.data.hdxobject import HDXError
    from hdx.location.country import Country

    # Read-only, it reads the configuration the package ships and sends no request.
    Configuration.create(hdx_site="prod", user_agent="foreign-fighters", hdx_read_only=True)
    hdx = Dataset(dataset)
    errors: Errors = {}
    try:
        hdx.check_required_fields()
        hdx.check_resources_fields()  # package_id left out, as create_in_hdx does: HDX gives it
    except HDXError as refused:
        errors["required"] = str(refused)
    if Dataset.transform_update_frequency(str(dataset.get("data_update_frequency", ""))) is None:
        errors["data_update_frequency"] = "not one of HDX's update frequencies"
    try:
        hdx.get_time_period()
    except Exception as refused:  # hdx-python-utilities raises several kinds for a malformed period
        errors["dataset_date"] = f"not a time period HDX reads: {refused}"
    Country.set_use_live_default(False)  # the country list the package ships, not today's from the web
    unknown = [g["name"] for g in hdx.get("groups", []) if not Country.get_country_name_from_iso3(g["name"].upper())]
    if unknown:
        errors["groups"] = f"no country has these ISO 3166-1 alpha-3 codes: {unknown}"
    return errors, hdx.get_dataset_dict()


CHECKS = {"ckan": ckan_check, "hdx": hdx_check}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    errors, dataset = CHECKS[argv[0]](json.loads(Path(argv[1]).read_text("utf-8")))
    print(json.dumps({"errors": errors, "dataset": dataset}, default=str))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
