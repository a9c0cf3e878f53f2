# Helpers for shell tests: TAP output and assertions. Source it.
# NB_BIN, NB_ROOT are set by tests/run.sh; defaults let a test run alone.
NB_ROOT=${NB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
NB_BIN=${NB_BIN:-$NB_ROOT/build/nanbyo-survey}
FIX=$NB_ROOT/tests/fixtures
export LC_ALL=C.UTF-8
_t_n=0
_t_failed=0
T_TMP=$(mktemp -d)
export XDG_DATA_HOME=$T_TMP/data XDG_CONFIG_HOME=$T_TMP/config
trap 'rm -rf "$T_TMP"' EXIT

ok()     { _t_n=$((_t_n + 1)); echo "ok $_t_n - $1"; }
not_ok() { _t_n=$((_t_n + 1)); _t_failed=1; echo "not ok $_t_n - $1"; [ -n "${2:-}" ] && printf '# %s\n' "$2"; return 0; }

# t_eq NAME EXPECTED ACTUAL
t_eq() { if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1" "expected [$2] got [$3]"; fi; }
# t_match NAME REGEX TEXT  (grep -E)
t_match() { if printf '%s' "$3" | grep -qE -- "$2"; then ok "$1"; else not_ok "$1" "[$3] does not match /$2/"; fi; }
t_nomatch() { if printf '%s' "$3" | grep -qE -- "$2"; then not_ok "$1" "[$3] matches /$2/"; else ok "$1"; fi; }
# t_run: run the program, capture stdout/stderr/exit into OUT ERR RC
t_run() { OUT=$("$NB_BIN" "$@" 2>"$T_TMP/stderr"); RC=$?; ERR=$(cat "$T_TMP/stderr"); }
t_done() { echo "1..$_t_n"; exit $_t_failed; }
