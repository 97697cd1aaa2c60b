"""The Dagster UI as users meet it: `dagster dev` as `make ui` starts it, a run launched over GraphQL, a screenshot
(headless Chromium under Selenium)."""
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from ..conftest import ROOT
from .chrome import console_errors, distinct_colours, free_port, load, screenshot, set_viewport


def gql(port: int, query: str, variables: dict | None = None) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", method="POST",
                                 data=json.dumps({"query": query, "variables": variables or {}}).encode(),
                                 headers={"Content-Type": "application/json"})
    out = json.load(urllib.request.urlopen(req, timeout=60))
    assert "errors" not in out, out
    return out["data"]


@pytest.fixture()
def dagster_dev(tmp_path):
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_STATE_DIR": str(home / "state"),
           "DAGSTER_COMPUTE_LOGS_DIR": str(home / "logs"), "COOPDATA_WAREHOUSE_DIR": str(tmp_path / "wh"),
           "COOPDATA_RAW_DIR": str(ROOT / "raw"), "COOPDATA_SENSOR": "off"}
    log = (tmp_path / "dagster.log").open("w")
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "dagster"), "dev", "-m", "pipelines.definitions",
                             "-h", "127.0.0.1", "-p", str(port)], cwd=home, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=1)
                break
            except Exception:
                assert proc.poll() is None, (tmp_path / "dagster.log").read_text()
                time.sleep(0.5)
        yield port, tmp_path / "wh", tmp_path / "dagster.log"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_ui_materialises_everything_and_shows_the_graph(dagster_dev, chrome, tmp_path, summary):
    port, warehouse, log = dagster_dev
    gql(port, "mutation { setNuxSeen }")
    repo = gql(port, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } } }")
    node = repo["repositoriesOrError"]["nodes"][0]
    selector = {"repositoryLocationName": node["location"]["name"], "repositoryName": node["name"]}
    # what the raw_files sensor does on its first tick: one partition per file in raw/
    files = sorted(p.name for p in (ROOT / "raw").iterdir() if p.name not in ("manifest.csv", "README.md"))
    for name in files:
        added = gql(port, """mutation($r: RepositorySelector!, $k: String!) { addDynamicPartition(
            repositorySelector: $r, partitionsDefName: "raw_files", partitionKey: $k) { __typename } }""",
                    {"r": selector, "k": name})
        assert added["addDynamicPartition"]["__typename"] == "AddDynamicPartitionSuccess", added
    tags = [{"key": "dagster/asset_partition_range_start", "value": files[0]},
            {"key": "dagster/asset_partition_range_end", "value": files[-1]}]
    launched = gql(port, """mutation($p: ExecutionParams!) { launchRun(executionParams: $p) {
        __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }""",
                   {"p": {"selector": {**selector, "jobName": "build_all"}, "executionMetadata": {"tags": tags}}})
    assert launched["launchRun"]["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["launchRun"]["run"]["runId"]
    status = None
    for _ in range(300):
        status = gql(port, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
                     {"id": run_id})["runOrError"]["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(1)
    assert status == "SUCCESS", log.read_text()[-3000:]
    assert (warehouse / "parquet" / "targets.parquet").exists()

    nodes = gql(port, """{ assetNodes { assetKey { path } groupName description
        assetMaterializations(limit: 1) { metadataEntries { label ... on IntMetadataEntry { intValue } } }
        assetChecksOrError { ... on AssetChecks { checks { name executionForLatestMaterialization { status } } } } } }""")["assetNodes"]
    by_key = {"/".join(n["assetKey"]["path"]): n for n in nodes}
    assert {n["groupName"] for n in nodes} == {"ingest", "parse", "provinces", "publish", "fetch"}
    assert all(n["description"] for n in nodes)
    rows = {e["label"]: e.get("intValue") for e in by_key["targets"]["assetMaterializations"][0]["metadataEntries"]}
    assert rows["dagster/row_count"] > 400
    checks = {c["name"]: c["executionForLatestMaterialization"]["status"]
              for c in by_key["targets"]["assetChecksOrError"]["checks"]}
    # the schema check passed; the told-apart warning ran (raw/ holds breakdowns it lists) and blocked nothing
    assert checks.keys() == {"targets_schema", "targets_told_apart"}
    assert checks["targets_schema"] == "SUCCEEDED" and checks["targets_told_apart"] in ("SUCCEEDED", "FAILED")

    shot = tmp_path / "asset_graph.png"
    set_viewport(chrome, 1600, 1000)
    load(chrome, f"http://127.0.0.1:{port}/asset-groups", wait_for_text="publish", timeout_s=120, settle_s=4)
    screenshot(chrome, shot)
    errors = console_errors(chrome)
    summary(f"Dagster asset graph screenshot: {shot}")
    assert distinct_colours(shot) > 30
    assert not [e for e in errors if "Failed to load resource" not in e], errors
