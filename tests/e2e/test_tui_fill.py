"""End to end: a clerk fills the whole Yamaguchi survey in tmux at 80x24,
typing Japanese with send-keys -l, and the saved file passes validate; the
same fill again at 120x40 (a wide terminal must work as well)."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, run, done  # noqa: E402

for size in ((80, 24), (120, 40)):
    ans = tuiterm.answers_path("fill%dx%d" % size)
    t = tuiterm.Term("fill%dx%d" % size, ["--answers", ans], size=size)
    try:
        ok(t.wait("所要額調査票"), "welcome shows the survey title", t.screen())
        ok(t.wait("あと 11 日"), "welcome shows days left to the deadline", t.screen())
        ok(t.wait("意向調査です"), "welcome shows the definition's notices", t.screen())
        t.keys("Enter")
        ok(t.wait("1/9 医療機関"), "status line shows page 1/9 and title", t.screen())
        ok("補助所要額 0円" in t.screen(), "status line shows the live subsidy", t.screen())
        ok(t.wait_cursor((28, 3)), "focus opens on institution_name, cursor at the field start", t.cursor())

        def field(text, key="Enter"):
            t.text(text)
            t.keys(key)

        t.text("やまぐち内科クリニック")
        ok(t.wait_cursor((28 + 22, 3)), "cursor after 11 kana/kanji is 22 cells right", t.cursor())
        t.keys("Enter")
        field("３５１１２３４５６３")      # full-width digits, IME on
        t.keys("2", "Enter")              # 診療所
        field("753-0001")
        field("山口県山口市滝町1番1号")
        field("医療法人やまぐち会")
        field("院長 山口 太郎")
        ok(t.wait("「次へ」"), "buttons visible", t.screen())
        t.keys("Enter")                   # focus is on 次へ after the last field
        ok(t.wait("2/9 担当者"), "次へ moves to page 2", t.screen())
        field("医事課")
        field("周南 花子")
        field("０８３－９３３－２９５８")
        field("")
        field("info@example.jp")
        t.keys("Enter")
        ok(t.wait("3/9 指定医と登録方法"), "page 3", t.screen())
        field("2")
        field("0")
        field("1")
        t.keys("3", "Enter")              # target both
        t.keys("1", "Enter")              # browser
        field("")
        t.keys("Enter")
        ok(t.wait("4/9 整備予定の物品・経費"), "page 4 items", t.screen())
        ok("まだ何も入力されていません" in t.screen(), "empty table says so", t.screen())
        t.keys("Enter")                   # 行を追加
        ok(t.wait("1 件目の物品・経費"), "item editor opens", t.screen())
        t.keys("Right", "Tab")            # category: first (パソコン)
        field("ノートパソコン", "Tab")
        field("1", "Tab")
        field("１２８，０００円", "Tab")
        ok(t.wait("この行の金額 (数量 x 単価): 128,000円"), "live amount of the row", t.screen())
        ok(t.wait("補助所要額 50,000円"), "status line subsidy updates live", t.screen())
        t.keys("Enter")                   # 一覧に戻る
        ok(t.wait("「行を追加」"), "back to the table", t.screen())
        # a running cost: shown as 対象外 with the reason
        t.keys("a")
        ok(t.wait("2 件目"), "a adds a second item", t.screen())
        for _ in range(7):
            t.keys("Right")
        ok(t.wait("ランニングコスト"), "category spinner reaches running costs", t.screen())
        ok(t.wait("対象外: 月々の通信料"), "ineligible category shows the reason", t.screen())
        t.keys("Tab")
        field("保守料", "Tab")
        field("12", "Tab")
        field("3000", "Tab")
        t.keys("Enter")
        ok(t.wait("総事業費 164,000円"), "totals include the running cost", t.screen())
        ok("対象経費 128,000円" in t.screen(), "eligible total leaves it out", t.screen())
        ok("対象外" in t.line("保守料"), "row marked 対象外", t.screen())
        # delete with confirmation: say no, then the row is still there
        t.keys("Up")
        t.keys("Delete")
        ok(t.wait("削除の確認"), "delete asks first", t.screen())
        t.keys("Enter")                   # default is やめる
        ok(t.wait_gone("削除の確認") and "保守料" in t.screen(), "declining keeps the row", t.screen())
        t.keys("PageDown")
        ok(t.wait("5/9 収入と日程"), "page 5", t.screen())
        field("")
        field("令和8年6月1日")
        field("R8.7.31")
        ok(t.wait("令和8年6月1日(月)"), "date shown with 和暦 and weekday", t.screen())
        t.keys("Enter")
        ok(t.wait("6/9 確認事項"), "page 6", t.screen())
        t.keys("y", "Enter", "y", "Enter", "y", "Enter")
        t.text("特になし")
        t.keys("C-j")
        field("二行目です")
        t.keys("Enter")
        ok(t.wait("7/9 PCの要件確認"), "page 7 check asks first", t.screen())
        ok("ネットワークの確認も行いますか" in t.screen(), "consent before network checks", t.screen())
        pid = t.program_pid()
        t.keys("Enter")                           # one Enter: 「PCの中だけ確認する」 (never the real hosts)
        ok(t.wait("確認が終わりました", 10), "the PC check (local only) finishes", t.screen())
        t.keys("PageDown")
        ok(t.wait("8/9 確認"), "review page", t.screen())
        ok(t.wait("問題はありません"), "no problems listed", t.screen())
        ok("基準額" in t.screen() and "<- 適用" in t.line("基準額"), "calculation shows which bound applied", t.screen())
        # Peak memory of the questionnaire process over the whole fill, for
        # make bench (the target is a bench figure, not asserted here).
        peak = None
        if pid:
            with open(f"/proc/{pid}/status") as f:
                peak = next((int(x.split()[1]) for x in f if x.startswith("VmHWM:")), None)
        print(f"# questionnaire peak RSS over the fill: {peak} KiB")
        if size == (80, 24) and os.environ.get("NB_PEAK_RSS_FILE") and peak:
            with open(os.environ["NB_PEAK_RSS_FILE"], "w") as f:
                f.write(f"{peak}\n")
        t.keys("C-x")
        eq(t.exit_code(), 0, "Ctrl-X saves and exits 0")
    finally:
        t.close()

    r = run("validate", ans)
    eq(r.returncode, 0, "validate accepts the file the TUI wrote")
    ok(r.returncode == 0, "validate output", r.stdout + r.stderr)
    with open(ans) as f:
        data = json.load(f)
    eq(data["fields"]["institution_code"], "3511234563", "full-width code normalised")
    eq(data["fields"]["phone"], "083-933-2958", "full-width phone normalised")
    eq(data["fields"]["planned_start"], "2026-06-01", "和暦 date stored as ISO")
    eq(data["fields"]["doctors_nanbyo"], 2, "count stored as a number")
    eq(len(data["items"]), 2, "two items")
    eq(data["items"][0]["unit_price"], 128000, "full-width amount stored as yen")
    eq(data["ui"]["page"], "review", "where the clerk was is saved")
    eq(data["fields"]["notes"], "特になし\n二行目です", "Ctrl-J makes a line break in the notes")
done()
