"""The items table at 80x24 cuts long categories and descriptions with a
visible "...", and the line under the table shows the focused row in full
(category label and description), plus the reason when it is not
eligible. On a wide screen every category fits its column."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, done  # noqa: E402

ans = tuiterm.answers_path("labels")
with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "san", "answers-valid.json")) as f:
    d = json.load(f)
d["items"] = [
    {"category": "network", "description": "無線LANルータ設置工事 (院内2階の事務室から診察室まで配線)",
     "quantity": 1, "unit_price": 45000},
    {"category": "running_cost", "description": "インターネット回線 月額料金", "quantity": 12, "unit_price": 5500},
]
d["ui"] = {"page": "items"}
with open(ans, "w") as f:
    json.dump(d, f, ensure_ascii=False)

t = tuiterm.Term("labels", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("整備予定の物品・経費"), "items page", t.screen())
    row = t.wait_line("> 1", "ネットワーク機...", "無線LANルータ...")
    ok("ネットワーク機..." in row and "無線LANルータ..." in row, "cut cells end in ...", row)
    ok(t.wait("No 1: ネットワーク機器・工事 / 無線LANルータ設置工事"), "the focused row in full under the table",
       t.screen())
    t.keys("Down")
    ok(t.wait("No 2: ランニングコスト (月額料金・保守料等) / インターネット回線 月額料金"),
       "the full category label, parentheses included", t.screen())
    ok("対象外の理由: 月々の通信料" in t.screen(), "and why it is not eligible", t.screen())
    t.resize(120, 30)
    ok(t.wait("  1   ネットワーク機器・工事  "), "wide screen: the whole category fits its column", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
