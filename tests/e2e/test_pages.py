"""Every number one click from its sentence: the province and plan pages of a built release.

The browser test opens them in headless Chromium (Selenium, Debian's chromedriver); the others read every page's
HTML: each target and review-table fact is on its plan's page once, its highlighted text is documents.text[start:end],
every link inside the release resolves, nothing is loaded from the network.
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from coopdata.site import write_site

from .chrome import console_errors, distinct_colours, load, screenshot, set_viewport

TABLES = ("plans", "targets", "target_candidates", "deadlines", "coverage", "provinces", "documents")


def read_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    return {n: pl.read_parquet(warehouse / "parquet" / f"{n}.parquet") for n in TABLES}


class Page(HTMLParser):
    """What a test needs of a page: its ids, links, resources, scripts, and each highlighted span."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.scripts = 0
        self.marks: list[dict] = []
        self._article: dict = {}
        self._mark: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif (tag == "link" and "href" in a) or "src" in a:
            self.resources.append(a.get("href") or a.get("src"))
        if tag == "script":
            self.scripts += 1
        if tag == "article":
            self._article = a
        if tag == "mark":  # the fact it belongs to is the article around it
            self._mark = {"id": self._article["id"], "text": "",
                          "unconfirmed": "unconfirmed" in self._article.get("class", "")}

    def handle_data(self, data):
        if self._mark is not None:
            self._mark["text"] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None


def test_every_fact_is_on_its_plan_page_with_its_exact_span(built_warehouse):
    t = read_tables(built_warehouse)
    texts = dict(zip(t["documents"]["source_file"], t["documents"]["text"]))
    facts = pl.concat([t["targets"].with_columns(pl.lit(False).alias("unconfirmed")),
                       t["target_candidates"].drop("review_reason").with_columns(pl.lit(True).alias("unconfirmed"))])
    assert facts["target_id"].n_unique() == facts.height
    by_id = {r["target_id"]: r for r in facts.iter_rows(named=True)}
    seen: dict[str, int] = {}
    plan_pages = sorted((built_warehouse / "plans").glob("*.html"))
    assert {p.stem for p in plan_pages} == set(t["plans"]["plan_id"])
    for path in plan_pages:
        page = Page(path.read_text(encoding="utf-8"))
        for m in page.marks:
            f = by_id[m["id"]]
            assert f["plan_id"] == path.stem
            assert m["text"] == texts[f["source_file"]][f["char_start"]:f["char_end"]], m
            assert m["unconfirmed"] == f["unconfirmed"], m
            seen[m["id"]] = seen.get(m["id"], 0) + 1
    assert seen == {i: 1 for i in by_id}, "each target and candidate once, on its own plan's page"


def test_province_pages_cover_the_63_and_every_link_resolves(built_warehouse):
    t = read_tables(built_warehouse)
    provinces = built_warehouse / "provinces"
    expected = set(t["provinces"]["province_code"])
    if t["plans"]["province_code"].null_count():
        expected.add("unknown")
    assert {p.stem for p in provinces.glob("*.html")} == expected
    pages = {p: Page(p.read_text(encoding="utf-8")) for p in
             [built_warehouse / "index.html", *provinces.glob("*.html"), *(built_warehouse / "plans").glob("*.html")]}
    ids = {p.resolve(): pg.ids for p, pg in pages.items()}
    index = pages[built_warehouse / "index.html"]
    assert expected <= {Path(urlsplit(h).path).stem for h in index.links if h.startswith("provinces/")}
    for path, page in pages.items():
        assert page.scripts == 0, path
        for r in page.resources:  # the stylesheet, from the release; nothing from the network
            assert not urlsplit(r).scheme and (path.parent / r).exists(), (path, r)
        for href in page.links:
            url = urlsplit(href)
            if url.scheme:  # a plan's source URL: a link out, never loaded
                assert url.scheme in ("http", "https"), href
                continue
            target = (path.parent / url.path).resolve() if url.path else path.resolve()
            assert target.exists(), (path, href)
            if url.fragment and target.suffix == ".html":
                assert url.fragment in ids.setdefault(target, Page(target.read_text(encoding="utf-8")).ids), (path, href)
    # a province page lists every published target of its plans, each linked to its sentence
    code = t["coverage"].sort("targets", descending=True)["province_code"][0]
    plan_ids = set(t["plans"].filter(pl.col("province_code") == code)["plan_id"])
    want = {f"../plans/{r['plan_id']}.html#{r['target_id']}"
            for r in t["targets"].filter(pl.col("plan_id").is_in(plan_ids)).iter_rows(named=True)}
    assert {h for h in pages[provinces / f"{code}.html"].links if "#tgt_" in h} == want


def test_province_pages_show_what_tells_a_provinces_figures_apart(built_warehouse):
    # "45 HTX xếp loại khá" beside the plan's total: the province page names the qualifier of each target
    t = read_tables(built_warehouse)
    qualified = t["targets"].filter(pl.col("qualifier").is_not_null(), pl.col("province_code").is_not_null())
    assert qualified.height > 0
    for code, rows in qualified.group_by("province_code"):
        html = (built_warehouse / "provinces" / f"{code[0]}.html").read_text(encoding="utf-8")
        for q in rows["qualifier"]:
            assert f"<td>{q}<td>" in html.replace("&#34;", '"'), (code, q)


def test_pages_escape_what_they_show(built_warehouse, tmp_path):
    t = read_tables(built_warehouse)
    pid = t["targets"]["plan_id"][0]
    hostile = pl.col("plan_id") == pid
    t["plans"] = t["plans"].with_columns(
        pl.when(hostile).then(pl.lit("<script>alert(1)</script> & co")).otherwise(pl.col("title")).alias("title"),
        pl.when(hostile).then(pl.lit("javascript:alert(1)")).otherwise(pl.col("source_url")).alias("source_url"))
    write_site(tmp_path, "v<1>", t, [], None)
    page = (tmp_path / "plans" / f"{pid}.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page  # shown as text, not a link
    assert "<script" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def _plan_to_show(t: dict[str, pl.DataFrame]) -> str:
    """The plan with review-table facts and the most targets (or, with no candidates, the most targets)."""
    cand = t["target_candidates"].group_by("plan_id").len("n_candidates")
    ranked = (t["plans"].join(cand, on="plan_id", how="left").with_columns(pl.col("n_candidates").fill_null(0))
              .sort([pl.col("n_candidates") > 0, "n_targets", "plan_id"], descending=[True, True, False]))
    return ranked["plan_id"][0]


def test_province_and_plan_pages_in_chromium(built_warehouse, chrome, tmp_path, summary):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    t = read_tables(built_warehouse)
    texts = dict(zip(t["documents"]["source_file"], t["documents"]["text"]))
    both = pl.concat([t["targets"].with_columns(pl.lit(None, pl.Utf8).alias("review_reason")), t["target_candidates"]])
    facts = {r["target_id"]: r for r in both.iter_rows(named=True)}
    candidates = set(t["target_candidates"]["target_id"])

    # a province page: the one with the most targets
    code = t["coverage"].sort("targets", descending=True)["province_code"][0]
    name = t["coverage"].filter(pl.col("province_code") == code)["province_name"][0]
    load(chrome, (built_warehouse / "provinces" / f"{code}.html").as_uri(), wait_for_text=name)
    shot = screenshot(chrome, tmp_path / f"province_{code}.png", full_page=True)
    summary(f"province page screenshot ({name}): {shot}")
    assert console_errors(chrome) == []
    assert distinct_colours(shot) > 30
    # one click from a number to its sentence
    link = chrome.find_elements(By.CSS_SELECTOR, 'a[href*="#tgt_"]')[0]
    tid = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    WebDriverWait(chrome, 30).until(lambda d: d.current_url.endswith(f"#{tid}"))
    mark = chrome.find_element(By.CSS_SELECTOR, f'article[id="{tid}"] mark')
    f = facts[tid]
    assert mark.get_property("textContent") == texts[f["source_file"]][f["char_start"]:f["char_end"]]
    assert mark.is_displayed()
    assert console_errors(chrome) == []

    # a plan page: targets in their paragraphs, the review table's facts apart
    pid = _plan_to_show(t)
    set_viewport(chrome, 1200, 1600)
    load(chrome, (built_warehouse / "plans" / f"{pid}.html").as_uri(), wait_for_text="Targets")
    shot = screenshot(chrome, tmp_path / f"plan_{pid}.png", full_page=True)
    summary(f"plan page screenshot ({pid}): {shot}")
    assert console_errors(chrome) == []
    assert distinct_colours(shot) > 30
    marks = chrome.execute_script("""return [...document.querySelectorAll('article.fact mark')].map(m => ({
        id: m.closest('article').id, text: m.textContent, review: m.closest('section.review') !== null,
        shown: m.getBoundingClientRect().width > 0, bg: getComputedStyle(m).backgroundColor}))""")
    want = {i for i, r in facts.items() if r["plan_id"] == pid}
    assert sorted(m["id"] for m in marks) == sorted(want) and want
    for m in marks:
        f = facts[m["id"]]
        assert m["text"] == texts[f["source_file"]][f["char_start"]:f["char_end"]], m
        assert m["review"] == (m["id"] in candidates), m
        assert m["shown"] and m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), m
    if want & candidates:
        review = chrome.find_element(By.CSS_SELECTOR, "section.review")
        assert "not published" in review.text and "unconfirmed" in review.text
    url = t["plans"].filter(pl.col("plan_id") == pid)["source_url"][0]
    if url and url.startswith("http"):
        assert chrome.find_elements(By.CSS_SELECTOR, f'a[href="{url}"]')
