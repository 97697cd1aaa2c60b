"""Watch raw/: a partition for each new file, a re-parse for each changed one, removal for deleted ones."""
import hashlib
import json
import os

import dagster as dg

from coopdata.ingest import signatures as file_signatures

from .assets import ingest, parse, provinces, publish
from .assets.ingest import RANGE_END, RANGE_START, raw_file_partitions
from .resources import CoopdataPaths

# more changed files than this are parsed by one run over the partitions' range, not a run each (a new version of
# the parser changes every file's signature)
MAX_SINGLE_RUNS = 20
DOWNSTREAM = sorted((k for a in dg.load_assets_from_modules([ingest, parse, provinces, publish]) for k in a.keys
                     if k != dg.AssetKey("document")), key=lambda k: k.to_user_string())


def signatures(paths: CoopdataPaths) -> dict[str, str]:
    return file_signatures(paths.raw())


@dg.sensor(name="raw_files_sensor", minimum_interval_seconds=30, asset_selection=dg.AssetSelection.all(),
           # on in `make ui`, so the warehouse follows raw/; COOPDATA_SENSOR=off starts it stopped
           default_status=dg.DefaultSensorStatus.STOPPED if os.environ.get("COOPDATA_SENSOR") == "off"
           else dg.DefaultSensorStatus.RUNNING,
           description="Adds a partition for every new file in raw/, re-parses changed ones, drops deleted ones, "
                       "then republishes; files that did not change are not parsed again.")
def raw_files_sensor(context: dg.SensorEvaluationContext, paths: CoopdataPaths) -> dg.SensorResult:
    current = signatures(paths)
    seen = json.loads(context.cursor) if context.cursor else {}
    existing = set(context.instance.get_dynamic_partitions(raw_file_partitions.name))
    new = [f for f in current if f not in existing]
    # on its first tick the sensor takes the partitions already built (by `coopdata build`) as they are
    changed = [f for f in current if f in existing and seen.get(f) != current[f]] if context.cursor else []
    removed = sorted(existing - set(current))
    requests = []
    tick = hashlib.sha1(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
    if len(changed) > MAX_SINGLE_RUNS:  # many changed (a new version of the parser changes every file): one range
        keys = [k for k in context.instance.get_dynamic_partitions(raw_file_partitions.name) if k in current]
        requests.append(dg.RunRequest(run_key=f"changed-{tick}", asset_selection=[dg.AssetKey("document")],
                                      tags={RANGE_START: keys[0], RANGE_END: keys[-1]}))
    else:
        for key in changed:
            requests.append(dg.RunRequest(run_key=f"changed-{key}-{current[key]}", partition_key=key,
                                          asset_selection=[dg.AssetKey("document")]))
    if new:  # new partitions are appended, so they form one range: one run parses them all
        requests.append(dg.RunRequest(run_key=f"new-{tick}", asset_selection=[dg.AssetKey("document")],
                                      tags={RANGE_START: new[0], RANGE_END: new[-1]}))
    if new or changed or removed:  # the queue runs in order: this one publishes after the parses
        requests.append(dg.RunRequest(run_key=f"publish-{tick}", asset_selection=DOWNSTREAM))
    partitions = []
    if new:
        partitions.append(raw_file_partitions.build_add_request(new))
    if removed:
        partitions.append(raw_file_partitions.build_delete_request(removed))
    return dg.SensorResult(run_requests=requests, dynamic_partitions_requests=partitions,
                           cursor=json.dumps(current, sort_keys=True))
