"""Lighthouse (mobile, default throttling) on the pages the theme's budget names, in Italian
and in Arabic, against a fresh build served on localhost with Debian's Chromium.

    .venv/bin/python bench/lighthouse.py          # builds into a temp dir, prints the scores

Needs node and npm (scripts/system-deps.sh installs them); installs Lighthouse from
bench/package-lock.json on first use. Exits 1 when a score is under the budget (100).
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# The test suite's browser helpers (tests/ is not a package of the project): loaded by path.
_browser = runpy.run_path(str(ROOT / "tests" / "browser.py"))
CHROMIUM_ARGS, SiteServer, chromium_path = (_browser["CHROMIUM_ARGS"], _browser["SiteServer"],
                                            _browser["chromium_path"])

PAGES = {
    "home": "",
    "news article": "notizie/nasce-la-rart/",
    "campaigns": "campagne/",  # the real site has no campaign yet: its listing page
    "member": "membri/babel/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = 100


def main() -> int:
    subprocess.run(["bash", str(ROOT / "scripts/system-deps.sh"), "chromium", "node", "npm"], check=True)
    if not (BENCH / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)
    with tempfile.TemporaryDirectory(prefix="rart-lh-") as tmp:
        output = Path(tmp) / "output"
        subprocess.run([sys.executable, "-m", "pelican", "content", "-o", str(output), "-s",
                        "pelicanconf.py", "-q"], cwd=ROOT, check=True)
        server = SiteServer(output)
        worst = 100
        print(f"{'page':<28}" + "".join(f"{c:>16}" for c in CATEGORIES))
        try:
            for lang in ("it", "ar"):
                for name, path in PAGES.items():
                    url = f"{server.origin}/{'' if lang == 'it' else lang + '/'}{path}"
                    report = Path(tmp) / "report.json"
                    subprocess.run(
                        [str(BENCH / "node_modules/.bin/lighthouse"), url, "--quiet",
                         f"--only-categories={','.join(CATEGORIES)}", "--output=json",
                         f"--output-path={report}",
                         f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}"],
                        check=True, env={"CHROME_PATH": chromium_path(), "PATH": "/usr/bin:/bin"},
                    )
                    data = json.loads(report.read_text())
                    scores = [round(data["categories"][c]["score"] * 100) for c in CATEGORIES]
                    cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
                    worst = min(worst, *scores)
                    print(f"{lang + ' ' + name:<28}" + "".join(f"{s:>16}" for s in scores) + f"   CLS {cls:.3f}")
        finally:
            server.close()
    print(f"lowest score: {worst} (budget: {BUDGET})")
    return 0 if worst >= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
