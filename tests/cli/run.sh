#!/usr/bin/env bash
# Black-box tests of the `gongkai` command line: the CLI contract of the foundation issue (help and
# usage errors, global options on either side of the subcommand, migrate, user, calendar, audit
# verify against a tampered database, configuration precedence and typos, unreachable or bad
# databases, backup, serve on a taken port, version) on SQLite and, with GONGKAI_TEST_PG_URL, on a
# fresh PostgreSQL database (created here, dropped at the end).
#
#   usage: tests/cli/run.sh path/to/gongkai
#   prints `ok - NAME` / `not ok - NAME` per case, then `N passed, M failed`; exits 1 if a case failed.
#
# Hermetic: temp dirs only (removed at exit), servers on port 0, no network beyond 127.0.0.1. Needs
# sqlite3, and for the PostgreSQL cases psql and pg_dump. Without GONGKAI_TEST_PG_URL the PostgreSQL
# cases fail with instructions (they never pass silently).
GK=$(realpath "${1:?usage: run.sh path/to/gongkai}") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/cli/lib.sh
. "$here/lib.sh"

readonly GOOD_PASSWORD='Str0ng-Passw0rd!'

# ---- 1. help and usage errors ------------------------------------------------------------------

case_help() {
  gk --help
  expect_rc 0
  expect_out_has "--data-dir"
  expect_out_has "--database"
  expect_out_has "--config"
  expect_out_has "migrate"
  expect_out_has "calendar"

  gk user --help
  expect_rc 0
  expect_out_has "add"
  expect_out_has "passwd"
  expect_out_has "list"

  gk user add --help
  expect_rc 0
  expect_out_has "--password-stdin"
  expect_out_has "--department"
  expect_out_has "--roles"

  gk calendar show --help
  expect_rc 0
  expect_out_has "month"
  expect_out_has "YYYY-MM"

  gk serve --help
  expect_rc 0
  expect_out_has "--listen"
}

case_unknown_subcommand() {
  gk --data-dir "$GK_TMP/unused" frobnicate
  expect_rc 2
  expect_err_has "frobnicate"
  gk --data-dir "$GK_TMP/unused" user frobnicate
  expect_rc 2
  expect_err_has "frobnicate"
  gk --data-dir "$GK_TMP/unused" migrate --no-such-option
  expect_rc 2
  expect_err_has "--no-such-option"
  gk --data-dir "$GK_TMP/unused"
  expect_rc 2
  expect_no_path "$GK_TMP/unused"
}

# ---- 2, 3. global options, migrate -------------------------------------------------------------

case_global_option_before_subcommand() {
  local d=$GK_TMP/before
  gk --data-dir "$d" migrate
  expect_rc 0
  expect_file "$d/gongkai.db"
}

case_global_option_after_subcommand() {
  local d=$GK_TMP/after
  gk migrate --data-dir "$d"
  expect_rc 0
  expect_file "$d/gongkai.db"
  expect_no_path "$GK_TMP/var"   # not the default data dir
  gk user list --data-dir "$d"
  expect_rc 0
  gk calendar show 2024-10 --data-dir "$d"
  expect_rc 0
}

case_migrate_fresh_then_again() {
  local d=$GK_TMP/migrate
  gk --data-dir "$d" migrate
  expect_rc 0
  expect_file "$d/gongkai.db"
  expect_out_matches '^applied [1-9][0-9]* migration\(s\)'
  gk --data-dir "$d" migrate
  expect_rc 0
  expect_out_has "applied 0 migration(s)"
  # The baseline is loaded once: departments are there and were not duplicated.
  local n
  n=$(sqlite3 "$d/gongkai.db" "select count(*) from departments where code='czj'")
  expect_eq "departments with code czj" 1 "$n"
}

# ---- 4. users ----------------------------------------------------------------------------------

case_user_add_and_list() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username zhangsan --name 张三 --department czj \
    --roles editor,reviewer --password-stdin
  expect_rc 0
  expect_out_has "zhangsan"
  [[ "$OUT" != *"$GOOD_PASSWORD"* ]] || fail "user add echoed the password read from stdin" "$(show_last)"
  gk --data-dir "$d" user list
  expect_rc 0
  expect_out_matches '^zhangsan[[:space:]]+张三[[:space:]]+东阳市财政局[[:space:]]'
  gk --data-dir "$d" user list --department 东阳市财政局
  expect_rc 0
  expect_out_has "zhangsan"
  gk --data-dir "$d" user list --department sfb
  expect_rc 0
  [[ "$OUT" != *zhangsan* ]] || fail "user list --department sfb shows a czj user" "$(show_last)"
  # Only the hash is stored.
  local stored
  stored=$(sqlite3 "$d/gongkai.db" "select count(*) from users where password_hash like '%$GOOD_PASSWORD%'" 2>&1)
  expect_eq "rows holding the clear-text password" 0 "$stored"
}

case_user_add_generates_password() {
  local d
  d=$(new_data_dir) || return 1
  gk --data-dir "$d" user add --username lisi --name 李四 --department czj --roles editor
  expect_rc 0
  expect_out_matches '^password: [^ ]{10,}$'
}

case_user_add_bad_role() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username wangwu --name 王五 --department czj \
    --roles editor,wizard --password-stdin
  expect_rc 2
  expect_err_has "wizard"
  gk --data-dir "$d" user list
  [[ "$OUT" != *wangwu* ]] || fail "the user was created despite the bad role" "$(show_last)"
}

case_user_add_unknown_department() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username zhaoliu --name 赵六 --department nosuchdept \
    --roles editor --password-stdin
  expect_rc 2
  expect_err_has "nosuchdept"
  gk --data-dir "$d" user list --department nosuchdept
  expect_rc 2
  expect_err_has "nosuchdept"
}

case_user_passwd() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username zhangsan --name 张三 --department czj \
    --roles editor --password-stdin
  expect_rc 0
  local before after
  before=$(sqlite3 "$d/gongkai.db" "select password_hash from users where username='zhangsan'")
  gk_in 'An0ther-Good-Passphrase' --data-dir "$d" user passwd zhangsan --password-stdin
  expect_rc 0
  expect_out_has "zhangsan"
  after=$(sqlite3 "$d/gongkai.db" "select password_hash from users where username='zhangsan'")
  if [ -z "$after" ] || [ "$before" = "$after" ]; then fail "the stored password hash did not change"; fi
  gk_in 'An0ther-Good-Passphrase' --data-dir "$d" user passwd nosuchuser --password-stdin
  expect_rc 1   # not found: the command ran and failed
}

case_weak_password_refused() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "short" --data-dir "$d" user add --username zhangsan --name 张三 --department czj \
    --roles editor --password-stdin
  expect_rc 2
  expect_err_has "password"
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username lisi --name 李四 --department czj \
    --roles editor --password-stdin
  expect_rc 0
  local before after
  before=$(sqlite3 "$d/gongkai.db" "select password_hash from users where username='lisi'")
  gk_in "123" --data-dir "$d" user passwd lisi --password-stdin
  expect_rc 2
  expect_err_has "password"
  after=$(sqlite3 "$d/gongkai.db" "select password_hash from users where username='lisi'")
  expect_eq "password hash after a refused change" "$before" "$after"
  gk --data-dir "$d" user passwd lisi --password-stdin   # empty standard input
  expect_rc 2
}

# ---- 5, 6. calendar ----------------------------------------------------------------------------

case_calendar_show() {
  local d
  d=$(new_data_dir) || return 1
  gk --data-dir "$d" calendar show 2024-10
  expect_rc 0
  expect_out_has "2024年10月"
  # The grid marks the days (" 1休", "12班") and the legend lists them one per line.
  expect_out_matches '(^|[[:space:]])1休'
  expect_out_matches '(^|[[:space:]])12班'
  expect_out_matches '^10-01 休 国庆节$'
  expect_out_matches '^10-12 班 国庆节$'
  expect_out_matches '^10-07 休 '
  if grep -qE '^10-08 ' <<<"$OUT"; then fail "10-08 is an ordinary workday but is listed" "$(show_last)"; fi
}

case_calendar_show_uncovered_year() {
  local d
  d=$(new_data_dir) || return 1
  gk --data-dir "$d" calendar show 2035-01
  expect_failure_exit
  expect_err_has "2035年的节假日安排尚未导入"
  [ -z "$OUT" ] || fail "printed a (guessed) calendar for an uncovered year" "$(show_last)"
}

case_calendar_show_bad_month() {
  local d
  d=$(new_data_dir) || return 1
  local m
  for m in 2024-13 2024-00 2024-1 abc; do
    gk --data-dir "$d" calendar show "$m"
    expect_rc 2
    expect_err_has "YYYY-MM"
  done
}

case_calendar_import() {
  local d
  d=$(new_data_dir) || return 1
  gk --data-dir "$d" calendar show 2027-02
  expect_failure_exit   # 2027 is not in the shipped data
  # A made-up 2027 notice: 春节 02-05…02-11 off, Saturday 02-20 a make-up workday.
  cat >"$d/2027.csv" <<'CSV'
date,kind,name
2027-02-05,holiday,春节
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-20,workday,春节
CSV
  gk --data-dir "$d" calendar import "$d/2027.csv" --source 国办发明电〔2026〕1号
  expect_rc 0
  expect_out_has "imported 8 day(s)"
  expect_out_has "2027"
  gk --data-dir "$d" calendar show 2027-02
  expect_rc 0
  expect_out_has "2027年2月"
  expect_out_matches '^02-05 休 春节$'
  expect_out_matches '^02-11 休 春节$'
  expect_out_matches '^02-20 班 春节$'
  expect_out_matches '(^|[[:space:]])20班'
  # The import is audited.
  gk --data-dir "$d" audit verify
  expect_rc 0
  local n
  n=$(sqlite3 "$d/gongkai.db" "select count(*) from audit_log where summary like '%国办发明电〔2026〕1号%'")
  expect_eq "audit rows naming the notice" 1 "$n"
}

case_calendar_import_malformed() {
  local d
  d=$(new_data_dir) || return 1
  printf 'date,kind,name\n2028-01-26,holiday,春节\n2028-01-27,vacation,春节\n' >"$d/bad-kind.csv"
  gk --data-dir "$d" calendar import "$d/bad-kind.csv"
  expect_rc 2
  expect_err_has "line 3"
  expect_err_has "vacation"
  # Nothing of the rejected file was imported (its valid first row would have covered 2028).
  gk --data-dir "$d" calendar show 2028-01
  expect_failure_exit
  expect_err_has "2028年的节假日安排尚未导入"

  printf 'date,kind,name\n2028-01-26,holiday,春节\n2028-02-30,holiday,春节\n' >"$d/bad-date.csv"
  gk --data-dir "$d" calendar import "$d/bad-date.csv"
  expect_rc 2
  expect_err_has "line 3"

  printf 'date,kind,name\n2028-01-26,holiday\n' >"$d/short.csv"
  gk --data-dir "$d" calendar import "$d/short.csv"
  expect_rc 2
  expect_err_has "line 2"

  gk --data-dir "$d" calendar import "$d/no-such-file.csv"
  expect_rc 2
  expect_err_has "no-such-file.csv"
}

# ---- 7. audit verify ---------------------------------------------------------------------------

# A data dir with a user added and a password changed, so the log has rows from several actions.
audited_data_dir() {
  local d
  d=$(new_data_dir) || return 1
  "$GK" --data-dir "$d" user add --username zhangsan --name 张三 --department czj --roles editor \
    --password-stdin <<<"$GOOD_PASSWORD" >/dev/null 2>&1 || return 1
  "$GK" --data-dir "$d" user passwd zhangsan --password-stdin <<<'An0ther-Good-Passphrase' >/dev/null 2>&1 ||
    return 1
  echo "$d"
}

case_audit_verify_intact() {
  local d
  d=$(audited_data_dir) || { fail "could not prepare the data dir"; return 1; }
  gk --data-dir "$d" audit verify
  expect_rc 0
  expect_out_has "audit log intact"
  # The append-only triggers are in place.
  if sqlite3 "$d/gongkai.db" "update audit_log set summary='x' where id=1" 2>/dev/null; then
    fail "UPDATE of audit_log succeeded while the trigger is in place"
  fi
  if sqlite3 "$d/gongkai.db" "delete from audit_log where id=1" 2>/dev/null; then
    fail "DELETE from audit_log succeeded while the trigger is in place"
  fi
}

case_audit_verify_detects_edited_row() {
  local d id
  d=$(audited_data_dir) || { fail "could not prepare the data dir"; return 1; }
  id=$(sqlite3 "$d/gongkai.db" "select id from audit_log order by id limit 1 offset 5")
  [ -n "$id" ] || { fail "audit_log has fewer than 6 rows"; return 1; }
  sqlite3 "$d/gongkai.db" "drop trigger audit_log_no_update" \
    "update audit_log set summary = summary || '（篡改）' where id = $id" || { fail "tampering failed"; return 1; }
  gk --data-dir "$d" audit verify
  expect_rc 1
  expect_err_matches "(row|id) $id([^0-9]|\$)"
}

case_audit_verify_detects_deleted_last_row() {
  local d id
  d=$(audited_data_dir) || { fail "could not prepare the data dir"; return 1; }
  id=$(sqlite3 "$d/gongkai.db" "select max(id) from audit_log")
  sqlite3 "$d/gongkai.db" "drop trigger audit_log_no_delete" "delete from audit_log where id = $id" ||
    { fail "tampering failed"; return 1; }
  gk --data-dir "$d" audit verify
  expect_rc 1
  expect_err_matches "(row|id) $id([^0-9]|\$)"
}

# ---- 8. configuration --------------------------------------------------------------------------

case_config_unknown_key() {
  local c=$GK_TMP/unknown-key.toml
  printf 'data_dir = "%s"\ndatbase = "sqlite:///tmp/x.db"\n' "$GK_TMP/cfg-unknown" >"$c"
  gk --config "$c" migrate
  expect_rc 2
  expect_err_has "datbase"
  expect_no_path "$GK_TMP/cfg-unknown"
  printf 'data_dir = [1, 2\n' >"$GK_TMP/broken.toml"
  gk --config "$GK_TMP/broken.toml" migrate
  expect_rc 2
  expect_err_has "broken.toml"
  gk --config "$GK_TMP/no-such.toml" migrate
  expect_rc 2
  expect_err_has "no-such.toml"
}

case_config_unknown_environment_variable() {
  GONGKAI_LISTN=127.0.0.1:9999 gk --data-dir "$GK_TMP/env-typo" migrate
  expect_rc 2
  expect_err_has "GONGKAI_LISTN"
  expect_no_path "$GK_TMP/env-typo"
  GONGKAI_LOG_LEVEL=loud gk --data-dir "$GK_TMP/env-typo" migrate
  expect_rc 2
  expect_err_has "GONGKAI_LOG_LEVEL"
}

case_config_precedence() {
  local base=$GK_TMP/precedence c
  mkdir -p "$base"
  c=$base/gongkai.toml
  printf 'data_dir = "%s/from-file"\n' "$base" >"$c"

  gk --config "$c" migrate
  expect_rc 0
  expect_file "$base/from-file/gongkai.db"

  GONGKAI_DATA_DIR=$base/from-env gk --config "$c" migrate
  expect_rc 0
  expect_file "$base/from-env/gongkai.db"

  rm -rf "$base/from-file" "$base/from-env"
  GONGKAI_DATA_DIR=$base/from-env gk --config "$c" migrate --data-dir "$base/from-flag"
  expect_rc 0
  expect_file "$base/from-flag/gongkai.db"
  expect_no_path "$base/from-env"
  expect_no_path "$base/from-file"
}

# ---- 9. unusable databases ---------------------------------------------------------------------

case_bad_database_url() {
  gk --data-dir "$GK_TMP/bad-url" --database mysql://x migrate
  expect_rc 2
  expect_err_has "mysql://x"
  expect_err_has "invalid database URL"
  gk --data-dir "$GK_TMP/bad-url" --database mysql://x user list
  expect_rc 2
}

case_postgres_not_running() {
  local url=postgresql://postgres@127.0.0.1:1/none cmd
  for cmd in migrate "user list" "audit verify" "calendar show 2024-10" backup; do
    # shellcheck disable=SC2086
    gk --data-dir "$GK_TMP/pg-down" --database "$url" $cmd
    expect_rc 1
    expect_err_has "cannot open database $url"
  done
  ls "$GK_TMP"/core* >/dev/null 2>&1 && fail "a core file was written"
  return 0
}

case_sqlite_dir_cannot_be_created() {
  : >"$GK_TMP/a-regular-file"
  gk --data-dir "$GK_TMP/a-regular-file/data" migrate
  expect_rc 1
  expect_err_has "cannot open database"
  expect_err_has "$GK_TMP/a-regular-file/data"
}

# ---- 10. backup --------------------------------------------------------------------------------

case_backup_sqlite() {
  local d
  d=$(new_data_dir) || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$d" user add --username zhangsan --name 张三 --department czj \
    --roles editor --password-stdin
  expect_rc 0
  local out=$GK_TMP/backups/gongkai-copy.db
  gk --data-dir "$d" backup --out "$out"
  expect_rc 0
  expect_out_has "$out"
  expect_file "$out"
  local n
  n=$(sqlite3 "$out" 'select count(*) from users' 2>&1)
  expect_eq "users in the backup" 1 "$n"
  # The copy is a working database.
  gk --database "sqlite://$out" --data-dir "$d" audit verify
  expect_rc 0

  local size_before
  size_before=$(stat -c %s "$out")
  gk --data-dir "$d" backup --out "$out"
  expect_rc 2
  expect_err_has "$out"
  expect_eq "size of the existing file after a refused backup" "$size_before" "$(stat -c %s "$out")"

  gk --data-dir "$d" backup
  expect_rc 0
  compgen -G "$d/backups/gongkai-*.db" >/dev/null || fail "no default backup in $d/backups" "$(show_last)"
}

# ---- 11. serve on a taken port -----------------------------------------------------------------

case_serve_port_taken() {
  local d1 d2
  d1=$(new_data_dir) || return 1
  d2=$(new_data_dir) || return 1
  start_server "$GK_TMP/first-server.log" --data-dir "$d1" ||
    { fail "the first server did not start" "$(cat "$GK_TMP/first-server.log")"; return 1; }
  local addr=${SERVER_URL#http://}
  gk --data-dir "$d2" serve --listen "$addr"
  expect_failure_exit
  expect_err_has "$addr"
  local code
  code=$(http_get "$SERVER_URL/healthz")
  expect_eq "the first server's /healthz" 200 "$code"
  stop_server "$SERVER_PID"
  expect_eq "exit status of the first server after SIGTERM" 0 "$SERVER_STATUS"
}

case_serve_bad_listen() {
  local d
  d=$(new_data_dir) || return 1
  gk --data-dir "$d" serve --listen 127.0.0.1:99999
  expect_rc 2
  expect_err_has "99999"
}

# ---- 12. version -------------------------------------------------------------------------------

case_version() {
  gk version
  expect_rc 0
  expect_eq "version output" "gongkai 0.1.0" "$OUT"
  # Needs no database, so a broken configuration does not stop it.
  GONGKAI_DATABASE=mysql://x gk version
  expect_rc 0
}

# ---- 14. text engine and search ----------------------------------------------------------------

# Lines whose jieba segmentation the text engine must reproduce (python3-jieba, same dictionary).
readonly SEGMENT_LINES=$'中华人民共和国政府信息公开条例\n东阳市人民政府办公室关于印发2021年政务公开工作要点的通知\n申请人王小明于2021年3月5日通过信函提出申请，要求公开某某项目的环评报告。'

case_text_segment_matches_jieba() {
  command -v /usr/bin/python3 >/dev/null || { fail "needs /usr/bin/python3 with python3-jieba"; return; }
  local expected
  expected=$(/usr/bin/python3 -c '
import sys, logging, jieba
jieba.setLogLevel(logging.ERROR)
for line in sys.stdin.read().splitlines():
    print(" ".join(w for w in jieba.cut(line) if w.strip()))' <<<"$SEGMENT_LINES") || { fail "python3-jieba failed"; return; }
  gk_in "$SEGMENT_LINES" text segment --base-dict
  expect_rc 0
  expect_eq "default mode, base dictionary, as jieba" "$expected" "$OUT"
  gk_in "中华人民共和国" text segment --base-dict --mode search
  expect_rc 0
  expect_eq "search mode adds sub-words" "中华 华人 人民 共和 共和国 中华人民共和国" "$OUT"
  gk_in "依申请公开和最多跑一次改革" text segment
  expect_rc 0
  expect_out_has "依申请公开"
  expect_out_has "最多跑一次"
  gk_in "x" text segment --mode fancy
  expect_rc 2
}

readonly SEARCH_JSONL='{"id": "t1", "title": "东阳市财政专项资金管理办法", "issuer": "东阳市财政局", "date": "2021-03-01", "effective_date": "2021-04-01", "status": "有效", "body": "第一条 为规范财政专项资金管理，提高资金使用效益，制定本办法。"}
{"id": "t2", "title": "东阳市政府信息公开申请办理规定", "issuer": "东阳市人民政府办公室", "date": "2020-06-01", "effective_date": "2020-06-01", "status": "有效", "body": "第一条 为规范依申请公开工作，保障公民、法人和其他组织依法获取政府信息，制定本规定。"}'

case_search_reindex_and_query() {
  local d
  d=$(new_data_dir) || { fail "no data dir"; return; }
  printf '%s\n' "$SEARCH_JSONL" >"$d/docs.jsonl"
  gk --data-dir "$d" import documents "$d/docs.jsonl"
  expect_rc 0
  gk --data-dir "$d" search reindex
  expect_rc 0
  expect_out_has "indexed 2 record(s)"
  gk --data-dir "$d" search query 依申请公开
  expect_rc 0
  expect_out_has "共找到 1 条结果"
  expect_out_has "东阳市政府信息公开申请办理规定"
  gk --data-dir "$d" search query "财政 资金" --json
  expect_rc 0
  expect_out_has '"total":1'
  expect_out_has '<em>'
  expect_out_has '"facets"'
  gk --data-dir "$d" search query ""
  expect_rc 2
  expect_err_has "q"
  rm -rf "$d/search"
  gk --data-dir "$d" search query 财政
  expect_rc 0
  expect_out_has "共找到 0 条结果"
  gk --data-dir "$d" search reindex
  expect_rc 0
  expect_out_has "indexed 2 record(s)"
}

case_serve_indexes_and_follows_the_outbox() {
  local d
  d=$(new_data_dir) || { fail "no data dir"; return; }
  printf '%s\n' "$SEARCH_JSONL" | head -n 1 >"$d/first.jsonl"
  printf '%s\n' "$SEARCH_JSONL" | tail -n 1 >"$d/second.jsonl"
  gk --data-dir "$d" import documents "$d/first.jsonl"
  expect_rc 0
  start_server "$GK_TMP/serve-search.log" --data-dir "$d" || { fail "server did not start" "$(cat "$GK_TMP/serve-search.log")"; return; }
  local status="" i
  for i in $(seq 1 50); do
    status=$(http_get "$SERVER_URL/api/v1/search?q=%E8%B4%A2%E6%94%BF")  # 财政
    [ "$status" = 200 ] && grep -q '"total":1' "$GK_TMP/.body" && break
    sleep 0.1
  done
  grep -q '"total":1' "$GK_TMP/.body" || fail "the server did not index the existing document" "$(cat "$GK_TMP/.body")"
  # A document imported by another process reaches the running server's index through the outbox.
  gk --data-dir "$d" import documents "$d/second.jsonl"
  expect_rc 0
  local found=""
  for i in $(seq 1 30); do
    http_get "$SERVER_URL/api/v1/search?q=%E4%BE%9D%E7%94%B3%E8%AF%B7%E5%85%AC%E5%BC%80" >/dev/null  # 依申请公开
    if grep -q '"total":1' "$GK_TMP/.body"; then found=$i; break; fi
    sleep 0.1
  done
  [ -n "$found" ] || fail "a newly imported document was not searchable within 3 s" "$(cat "$GK_TMP/.body")"
  stop_server "$SERVER_PID"
}

# ---- 15. FOI clock and fees (issue 5 CLI contracts) --------------------------------------------

case_foi_deadline() {
  # No data dir needed: the shipped calendar is used, and nothing is created.
  gk_in '{"channel": "in_person", "submitted": "2024-09-27"}' --data-dir "$GK_TMP/no-such-dir" foi deadline
  expect_rc 0
  expect_out_has '"receipt_date":"2024-09-27"'
  expect_out_has '"due":"2024-10-30"'
  expect_out_has '"paused_working_days":0'
  expect_out_has '国庆节'
  expect_no_path "$GK_TMP/no-such-dir"
  gk_in '{"channel": "post_signed", "submitted": "2024-03-01", "signed": "2024-03-01",
          "events": [{"type": "supplement_requested", "date": "2024-03-05"},
                     {"type": "supplement_received", "date": "2024-03-11"},
                     {"type": "extension", "date": "2024-04-01"}]}' foi deadline
  expect_rc 0
  expect_out_has '"clock_start":"2024-03-11"'
  expect_out_has '"base_due":"2024-04-09"'
  expect_out_has '"extended":true'
  gk_in '{"channel": "online", "submitted": "2024-09-27", "confirmed": "2024-09-27",
          "events": [{"type": "fee_notice", "date": "2024-10-14"}, {"type": "fee_paid", "date": "2024-10-16"}]}' foi deadline
  expect_rc 0
  expect_out_has '"paused_working_days":2'
  expect_out_has '"due":"2024-11-01"'
}

case_foi_deadline_bad_input() {
  gk_in '{"channel": "carrier_pigeon", "submitted": "2024-09-27"}' foi deadline
  expect_rc 2
  expect_err_has "channel"
  gk_in '{"channel": "online", "submitted": "2024-09-27"}' foi deadline
  expect_rc 2
  expect_err_has "confirmed"
  gk_in '{"channel": "in_person", "submitted": "2024-09-31"}' foi deadline
  expect_rc 2
  expect_err_has "submitted"
  gk_in '{"channel": "in_person", "submitted": "2024-09-27", "events": [{"type": "third_party_sent", "date": "2024-09-01"}]}' foi deadline
  expect_rc 2
  expect_err_has "events[0].date"
  gk_in 'not json' foi deadline
  expect_rc 2
}

case_foi_fee() {
  gk foi fee --method per_page --pages 2219
  expect_rc 0
  expect_out_has '"total":83460'
  expect_out_has '"tiers":[{"from":1,"to":30'
  gk foi fee --method per_request --count 45
  expect_rc 0
  expect_out_has '"total":5500'
  gk foi fee --method per_request --count 5 --pages 3
  expect_rc 2
  gk foi fee --method per_page --pages -1
  expect_rc 2
  expect_err_has "pages"
}

case_foi_import() {
  local d
  d=$(new_data_dir) || { fail "no data dir"; return; }
  cat >"$d/foi.jsonl" <<'JSONL'
{"id": "h-1", "department": "czj", "applicant_type": "natural_person", "received": "2023-03-01", "closed": "2023-03-20", "outcome": "disclosed"}
{"id": "h-2", "department": "东阳市财政局", "applicant_type": "commercial_enterprise", "received": "2023-12-20", "closed": null, "outcome": null}
{"id": "h-3", "department": "czj", "applicant_type": "martian", "received": "2023-03-01", "closed": null, "outcome": null}
{"request_id": "h-1", "kind": "reconsideration", "filed": "2023-04-01", "decided": "2023-05-10", "outcome": "upheld"}
JSONL
  gk --data-dir "$d" foi import "$d/foi.jsonl"
  expect_rc 2
  expect_err_has "line 3"
  expect_out_has "imported 2 case(s) and 1 remedy(ies)"
  gk --data-dir "$d" foi import "$d/foi.jsonl"
  expect_rc 2
  expect_out_has "already present"
  gk --data-dir "$d" foi import "$d/missing.jsonl"
  expect_rc 1
}

# The annual report on imported cases across both year boundaries (issue 6): numbers and cross-checks.
case_report_annual() {
  local d
  d=$(new_data_dir) || { fail "no data dir"; return; }
  cat >"$d/foi.jsonl" <<'JSONL'
{"id": "r-1", "department": "czj", "applicant_type": "natural_person", "received": "2022-12-20", "closed": "2023-01-10", "outcome": "partially_disclosed"}
{"id": "r-2", "department": "czj", "applicant_type": "natural_person", "received": "2023-03-01", "closed": "2023-03-20", "outcome": "disclosed"}
{"id": "r-3", "department": "czj", "applicant_type": "commercial_enterprise", "received": "2023-12-20", "closed": null, "outcome": null}
{"id": "r-4", "department": "czj", "applicant_type": "research_institution", "received": "2023-05-01", "closed": "2024-01-05", "outcome": "withheld_third_party_rights"}
{"id": "r-5", "department": "czj", "applicant_type": "natural_person", "received": "2022-10-01", "closed": "2022-11-01", "outcome": "disclosed"}
{"request_id": "r-2", "kind": "reconsideration", "filed": "2023-04-01", "decided": "2024-02-01", "outcome": "corrected"}
{"request_id": "r-1", "kind": "litigation_direct", "filed": "2023-02-01", "decided": "2023-06-01", "outcome": "upheld"}
JSONL
  gk --data-dir "$d" foi import "$d/foi.jsonl"
  expect_rc 0
  gk --data-dir "$d" report annual --year 2023 --format json
  expect_rc 0
  expect_out_has '"year":2023,"department":null'
  expect_out_has '"new_this_year":[1,1,1,0,0,0,3],"carried_over":[1,0,0,0,0,0,1],"disclosed":[1,0,0,0,0,0,1],"partially_disclosed":[1,0,0,0,0,0,1]'
  expect_out_has '"total_handled":[2,0,0,0,0,0,2],"carried_forward":[0,1,1,0,0,0,2]'
  expect_out_has '"reconsideration":{"upheld":0,"corrected":0,"other":0,"pending":1,"total":1}'
  expect_out_has '"litigation_direct":{"upheld":1,"corrected":0,"other":0,"pending":0,"total":1}'
  expect_out_has '"check_errors":[]'
  gk --data-dir "$d" report annual --year 2023 --department czj --format json --out "$d/czj.json"
  expect_rc 0
  grep -q '"department":"czj"' "$d/czj.json" || fail "no department code in $d/czj.json"
  grep -q '"check_errors":\[\]' "$d/czj.json" || fail "check errors in $d/czj.json"
  gk --data-dir "$d" report annual --year 2023 --department nosuchdept
  expect_rc 2
  expect_err_has "nosuchdept"
  # Section 二's department statistics from CSV; a bad line is named, the others imported.
  printf 'department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\nczj,2023,120,45,3,12.5\nnosuch,2023,1,1,1,1\n' >"$d/stats.csv"
  gk --data-dir "$d" report statistics import "$d/stats.csv"
  expect_rc 2
  expect_err_has "line 3"
  expect_out_has "imported 1 statistics row(s), rejected 1"
  gk --data-dir "$d" report annual --year 2023 --department czj
  expect_rc 0
  expect_out_has '"licensing_decisions":120,"penalties":45,"enforcement_measures":3,"fees_10k_yuan":12.5}'
}

# The demo data `make run` loads (issue 6): FOI history and statistics, and 2025 reports at three
# stages; seeding twice adds nothing.
case_seed_demo_reports() {
  local d
  d=$(new_data_dir) || { fail "no data dir"; return; }
  gk --data-dir "$d" seed --demo
  expect_rc 0
  expect_out_has "demo FOI history: 400 case(s) and 15 remedy(ies) imported; 14 statistics row(s); 3 annual report(s) of 2025"
  gk --data-dir "$d" report annual --year 2025 --department zrzyj --format json
  expect_rc 0
  expect_out_has '"check_errors":[]'
  expect_out_has '"licensing_decisions":1315,"penalties":92,"enforcement_measures":9,"fees_10k_yuan":3320.75}'
  gk --data-dir "$d" seed --demo
  expect_rc 0
  expect_out_has "demo FOI history: 0 case(s) and 0 remedy(ies) imported; 14 statistics row(s); 0 annual report(s) of 2025"
}

# The annual report on real imported data (issue 6, "Done when"): the 2,816 messages of
# shared/corpus/gov_reply_qa.jsonl with their real dates of receipt and reply (2011–2020, many
# answered in a later year) imported as FOI cases; for every year, city-wide and for two departments,
# the JSON's sections 三 and 四 equal an independent recount (tests/cli/report_crosscheck.py) and
# "check_errors" is empty. The corpus lives beside the project; without it the case says so.
case_report_annual_real_data() {
  local d corpus="$here/../../../shared/corpus/gov_reply_qa.jsonl" summary first last y dept
  [ -f "$corpus" ] || { echo "# SKIP: $corpus is absent (shared corpus not beside the project)"; return; }
  d=$(new_data_dir) || { fail "no data dir"; return; }
  summary=$(python3 "$here/report_crosscheck.py" convert "$corpus" "$d/real.jsonl") || { fail "convert failed"; return; }
  read -r _ _ first last <<<"$summary"
  gk --data-dir "$d" foi import "$d/real.jsonl"
  expect_rc 0
  for ((y = first; y <= last; y++)); do
    for dept in "" zrzyj hdz; do
      gk --data-dir "$d" report annual --year "$y" ${dept:+--department "$dept"} --format json --out "$d/r.json"
      expect_rc 0
      python3 "$here/report_crosscheck.py" check "$d/real.jsonl" "$y" "$dept" "$d/r.json" >"$d/check.txt" ||
        fail "$(cat "$d/check.txt")"
      [ -n "$dept" ] || echo "# $(tail -1 "$d/check.txt")"
    done
  done
}

# ---- 13. PostgreSQL ----------------------------------------------------------------------------

PG_DB="" PG_RESTORE_DB="" PG_URL=""
if [ -n "${GONGKAI_TEST_PG_URL:-}" ]; then
  if PG_DB=$(new_pg_database cli) && PG_RESTORE_DB=$(new_pg_database cli_restore); then
    PG_URL=$(pg_url_for "$PG_DB")
  else
    echo "# could not create the PostgreSQL test databases on $GONGKAI_TEST_PG_URL"
  fi
  for _db in "$PG_DB" "$PG_RESTORE_DB"; do [ -z "$_db" ] || GK_PG_DATABASES+=("$_db"); done
fi

pg_ready() {
  require_pg || return 1
  [ -n "$PG_URL" ] || { fail "no PostgreSQL test database (see above)"; return 1; }
}

# The PostgreSQL cases run in order on one database: migrate, user add, audit verify, backup.
case_pg_migrate() {
  pg_ready || return 1
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" migrate
  expect_rc 0
  expect_out_matches '^applied [1-9][0-9]* migration\(s\)'
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" migrate
  expect_rc 0
  expect_out_has "applied 0 migration(s)"
  expect_no_path "$GK_TMP/pg/gongkai.db"
}

case_pg_user_add_and_list() {
  pg_ready || return 1
  gk_in "$GOOD_PASSWORD" --data-dir "$GK_TMP/pg" --database "$PG_URL" user add --username zhangsan --name 张三 \
    --department czj --roles editor --password-stdin
  expect_rc 0
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" user list
  expect_rc 0
  expect_out_matches '^zhangsan[[:space:]]+张三[[:space:]]+东阳市财政局[[:space:]]'
  gk_in "$GOOD_PASSWORD" --data-dir "$GK_TMP/pg" --database "$PG_URL" user add --username lisi --name 李四 \
    --department nosuchdept --roles editor --password-stdin
  expect_rc 2
  expect_err_has "nosuchdept"
  gk_in 'An0ther-Good-Passphrase' --data-dir "$GK_TMP/pg" --database "$PG_URL" user passwd zhangsan --password-stdin
  expect_rc 0
}

case_pg_audit_verify() {
  pg_ready || return 1
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" audit verify
  expect_rc 0
  expect_out_has "audit log intact"
  # Tamper on a copy, so the backup case below still sees an intact log.
  local copy
  copy="${PG_DB}_tampered"
  psql_admin -c "CREATE DATABASE $copy TEMPLATE $PG_DB" >/dev/null || { fail "could not copy the database"; return 1; }
  local id
  id=$(psql_db "$copy" -c "select id from audit_log order by id limit 1 offset 5")
  psql_db "$copy" -c "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update" \
    -c "UPDATE audit_log SET summary = summary || '（篡改）' WHERE id = $id" >/dev/null ||
    fail "tampering failed"
  gk --data-dir "$GK_TMP/pg" --database "$(pg_url_for "$copy")" audit verify
  expect_rc 1
  expect_err_matches "(row|id) $id([^0-9]|\$)"
  psql_admin -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" >/dev/null || fail "could not drop $copy"
}

case_pg_backup() {
  pg_ready || return 1
  local out=$GK_TMP/pg-backup/gongkai.sql
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" backup --out "$out"
  expect_rc 0
  expect_file "$out"
  grep -q "PostgreSQL database dump" "$out" 2>/dev/null || fail "$out is not a pg_dump file"
  # The dump restores into an empty database with the same users.
  if [ -n "$PG_RESTORE_DB" ] && [ -f "$out" ]; then
    psql_db "$PG_RESTORE_DB" -f "$out" >/dev/null 2>"$GK_TMP/restore.err" ||
      fail "restoring the dump failed" "$(head -n 5 "$GK_TMP/restore.err")"
    expect_eq "users in the restored database" 1 "$(psql_db "$PG_RESTORE_DB" -c 'select count(*) from users')"
    gk --data-dir "$GK_TMP/pg" --database "$(pg_url_for "$PG_RESTORE_DB")" audit verify
    expect_rc 0
  fi
  gk --data-dir "$GK_TMP/pg" --database "$PG_URL" backup --out "$out"
  expect_rc 2
  expect_err_has "$out"
}

case_pg_search() {
  pg_ready || return
  local d="$GK_TMP/pg-search"
  mkdir -p "$d"
  printf '%s\n' "$SEARCH_JSONL" >"$d/docs.jsonl"
  gk --database "$PG_URL" --data-dir "$d" import documents "$d/docs.jsonl"
  expect_rc 0
  gk --database "$PG_URL" --data-dir "$d" search reindex
  expect_rc 0
  expect_out_has "indexed 2 record(s)"
  gk --database "$PG_URL" --data-dir "$d" search query 依申请公开 --json
  expect_rc 0
  expect_out_has '"total":1'
}

# ---- run ---------------------------------------------------------------------------------------

gk_case "help of gongkai, user, user add, calendar show and serve" case_help
gk_case "unknown subcommand or option exits 2 and names it" case_unknown_subcommand
gk_case "--data-dir before the subcommand" case_global_option_before_subcommand
gk_case "--data-dir after the subcommand is used" case_global_option_after_subcommand
gk_case "migrate on a fresh dir, then again applies 0" case_migrate_fresh_then_again
gk_case "user add --password-stdin, user list shows the department's Chinese name" case_user_add_and_list
gk_case "user add without --password-stdin prints a generated password" case_user_add_generates_password
gk_case "user add with a bad role exits 2" case_user_add_bad_role
gk_case "user add with an unknown department exits 2 naming it" case_user_add_unknown_department
gk_case "user passwd --password-stdin changes the password" case_user_passwd
gk_case "a weak password is refused (exit 2)" case_weak_password_refused
gk_case "calendar show 2024-10 marks 10-01 休 and 10-12 班" case_calendar_show
gk_case "calendar show of a year without a notice fails, never guesses" case_calendar_show_uncovered_year
gk_case "calendar show with a bad month exits 2" case_calendar_show_bad_month
gk_case "calendar import of a 2027 notice, then show 2027-02" case_calendar_import
gk_case "calendar import of a malformed CSV exits 2 naming the line, imports nothing" case_calendar_import_malformed
gk_case "audit verify on an intact log" case_audit_verify_intact
gk_case "audit verify names an edited row" case_audit_verify_detects_edited_row
gk_case "audit verify detects the deleted last row" case_audit_verify_detects_deleted_last_row
gk_case "config file with an unknown key exits 2 naming it" case_config_unknown_key
gk_case "unknown GONGKAI_ variable exits 2 naming it" case_config_unknown_environment_variable
gk_case "flags override environment override file (data_dir)" case_config_precedence
gk_case "a bad database URL exits 2 with a clear message" case_bad_database_url
gk_case "PostgreSQL not running: exit 1, cannot open database, no crash" case_postgres_not_running
gk_case "SQLite data dir that cannot be created: exit 1 with the path" case_sqlite_dir_cannot_be_created
gk_case "backup --out on SQLite, readable by sqlite3; an existing file is refused" case_backup_sqlite
gk_case "serve on a taken port exits non-zero naming the address" case_serve_port_taken
gk_case "serve with a bad --listen exits 2" case_serve_bad_listen
gk_case "version prints gongkai 0.1.0" case_version
gk_case "text segment reproduces jieba; search mode; the government dictionary; bad mode exits 2" case_text_segment_matches_jieba
gk_case "search reindex and query (text, JSON, empty query exits 2, deleted index rebuilt)" case_search_reindex_and_query
gk_case "serve builds the index and follows the outbox within 3 s" case_serve_indexes_and_follows_the_outbox
gk_case "foi deadline: receipt by channel, 补正 restart, extension, fee pause; no data dir needed" case_foi_deadline
gk_case "foi deadline: bad input exits 2 naming the field" case_foi_deadline_bad_input
gk_case "foi fee: per page and per request tiers; one method only" case_foi_fee
gk_case "foi import: historical cases and remedies, bad lines named, idempotent" case_foi_import
gk_case "report annual: JSON of imported cases holds the numbers and the cross-checks" case_report_annual
gk_case "seed --demo: FOI history, statistics and 2025 reports at three stages, once" case_seed_demo_reports
gk_case "report annual: on 2,816 real cases (gov_reply_qa dates) every year matches an independent recount" case_report_annual_real_data
gk_case "postgresql: migrate on a fresh database, then again applies 0" case_pg_migrate
gk_case "postgresql: user add, list, passwd" case_pg_user_add_and_list
gk_case "postgresql: audit verify intact, and names an edited row" case_pg_audit_verify
gk_case "postgresql: backup with pg_dump restores; an existing file is refused" case_pg_backup
gk_case "postgresql: import, search reindex and query" case_pg_search

gk_finish
