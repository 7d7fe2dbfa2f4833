#!/usr/bin/env python3
"""Converts docs/openapi.yaml to the JSON the server serves at
GET /api/openapi.json (run by the build, resources/CMakeLists.txt).

Usage: yaml-to-json.py IN.yaml OUT.json

Dates stay strings: YAML would read an unquoted 2030-01-31 as a date, which
JSON has no type for. Mapping keys keep the document's order.
"""
import json
import os
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


# Drop the timestamp resolver: every scalar that looks like a date is text.
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = sys.argv[1], sys.argv[2]
    try:
        with open(source, encoding="utf-8") as f:
            document = yaml.load(f, Loader=Loader)
    except yaml.YAMLError as error:
        print(f"{source}: {error}", file=sys.stderr)
        return 1
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.1"):
        print(f"{source}: not an OpenAPI 3.1 document", file=sys.stderr)
        return 1
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # Written whole, then renamed: an interrupted build leaves no half file.
    with open(target + ".part", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(target + ".part", target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
