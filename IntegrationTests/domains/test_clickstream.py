"""clickstream against spec/clickstream.md: schema, sessions as funnel walks,
and every realism feature, on more than 100,000 rows read back by pyarrow
and DuckDB. Files are read in file-id order, so row i of the dataset is
global row i and sessions that run across files or row groups are whole."""
import collections
import datetime
import statistics

import duckdb
import pyarrow.parquet as pq
import pytest

from support import generate_domain, parquet_files, run

ROWS = 150_000
EXPECTED_SCHEMA = [
    ("event_id", "string", False), ("event_timestamp", "timestamp[us]", False),
    ("received_timestamp", "timestamp[us]", False), ("session_id", "string", False),
    ("user_id", "int64", True), ("anonymous_id", "string", False), ("event_type", "string", False),
    ("sequence_in_session", "int32", False), ("page_url", "string", False), ("page_path", "string", False),
    ("referrer_url", "string", True), ("utm_source", "string", True), ("utm_medium", "string", True),
    ("utm_campaign", "string", True), ("device_type", "string", False), ("os", "string", False),
    ("browser", "string", False), ("user_agent", "string", False), ("ip_address", "string", False),
    ("country", "string", False), ("screen_width", "int32", False), ("screen_height", "int32", False),
    ("search_query", "string", True), ("product_id", "string", True), ("revenue", "double", True),
    ("time_since_prev_ms", "int64", False), ("is_bot", "bool", False),
]
EVENT_TYPES = {"page_view", "search", "product_view", "add_to_cart", "remove_from_cart", "checkout_start",
               "purchase", "click"}
PRODUCT_EVENTS = {"product_view", "add_to_cart", "remove_from_cart"}
US = datetime.timedelta(microseconds=1)


def generate(out, *params, rows=ROWS):
    files, tables, rows = generate_domain(out, "clickstream", params, rows, file_size_mb=4, row_group_mb=1)
    assert len(files) >= 2
    assert [int(f.name[-14:-8]) for f in files] == list(range(len(files)))
    return out, files, tables, rows


def sessions_of(rows):
    """session_id -> its rows, checking on the way that a session's rows are contiguous."""
    sessions = {}
    previous = None
    for index, row in enumerate(rows):
        sid = row["session_id"]
        if sid != previous:
            assert sid not in sessions, f"session {sid} is split (row {index})"
            sessions[sid] = []
            previous = sid
        sessions[sid].append(row)
    return sessions


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("clickstream"))


@pytest.fixture(scope="module")
def sessions(dataset):
    return sessions_of(dataset[3])


@pytest.fixture(scope="module")
def tuned(tmp_path_factory):
    """Flat traffic and non-default rates, to see each parameter honoured."""
    return generate(tmp_path_factory.mktemp("clickstream-tuned"), "diurnal_amplitude=0", "duplicate_rate=0.02",
                    "bot_ratio=0.05", "clock_skew_ratio=0.05", "known_user_ratio=0.8", "events_per_second=200",
                    "late_upload_ratio=0", "long_tail_query_rate=0", rows=120_000)


@pytest.fixture(scope="module")
def visits(tmp_path_factory):
    """A small site over 27 hours: 1.5 events a second, 200,000 users and 50,000
    returning browsers, so visitors come back."""
    return generate(tmp_path_factory.mktemp("clickstream-visits"), "events_per_second=1.5", "users=200000",
                    "anonymous_visitors=50000")


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory):
    """Two events a second: 120,000 rows span most of three days."""
    return generate(tmp_path_factory.mktemp("clickstream-slow"), "events_per_second=0.5", "diurnal_amplitude=0.5",
                    rows=120_000)


def test_schema(dataset):
    _, files, _, _ = dataset
    for f in files:
        schema = pq.read_schema(f)
        assert [(x.name, str(x.type), x.nullable) for x in schema] == EXPECTED_SCHEMA
        assert schema.metadata[b"lb_datagen.domain"] == b"clickstream"


def test_duckdb_agrees_with_pyarrow(dataset, sessions):
    out, _, _, rows = dataset
    con = duckdb.connect()
    glob = f"{out}/**/*.parquet"
    [(count, distinct_sessions, purchases, revenue)] = con.execute(
        f"select count(*), count(distinct session_id), count(*) filter (where event_type = 'purchase'),"
        f" sum(revenue) from read_parquet('{glob}')").fetchall()
    assert count == len(rows) == ROWS
    assert distinct_sessions == len(sessions)
    assert purchases == sum(r["event_type"] == "purchase" for r in rows)
    assert abs(revenue - sum(r["revenue"] or 0 for r in rows)) < 0.01
    [(prefix_ok,)] = con.execute(f"select bool_and(filename like '%/clickstream/events/part-%') "
                                 f"from read_parquet('{glob}', filename=true)").fetchall()
    assert prefix_ok
    # Sessionization in SQL: per session, timestamps never go back.
    [(backwards,)] = con.execute(
        f"select count(*) from (select event_timestamp - lag(event_timestamp) over "
        f"(partition by session_id order by sequence_in_session, event_timestamp) d from read_parquet('{glob}')) "
        f"where d < interval 0 second").fetchall()
    assert backwards == 0


def test_sessions_are_contiguous_and_numbered(sessions):
    for rows in sessions.values():
        numbers = [r["sequence_in_session"] for r in rows]
        assert numbers[0] == 1
        assert all(b - a in (0, 1) for a, b in zip(numbers, numbers[1:]))
        for column in ("user_id", "anonymous_id", "device_type", "os", "browser", "user_agent", "ip_address",
                       "country", "screen_width", "screen_height", "is_bot"):
            assert len({r[column] for r in rows}) == 1, column


def test_timestamps_increase_with_log_normal_think_times(sessions):
    gaps = []
    for rows in sessions.values():
        assert rows[0]["time_since_prev_ms"] == 0
        for a, b in zip(rows, rows[1:]):
            if b["event_id"] == a["event_id"]:
                continue                                   # a client retry
            delta = (b["event_timestamp"] - a["event_timestamp"]) // US
            assert delta > 0
            assert delta == b["time_since_prev_ms"] * 1000
            assert b["time_since_prev_ms"] < 30 * 60 * 1000   # below the sessionization timeout
            if not b["is_bot"]:
                gaps.append(b["time_since_prev_ms"])
    gaps.sort()
    median = gaps[len(gaps) // 2]
    assert 3_000 < median < 10_000
    # Log-normal: long right tail, p90 many times the median.
    assert gaps[int(len(gaps) * 0.9)] > 3 * median


def test_funnel_order(sessions):
    for rows in sessions.values():
        seen = set()
        cart = 0
        for i, r in enumerate(rows):
            if i > 0 and r["event_id"] == rows[i - 1]["event_id"]:
                continue                                   # a client retry
            t = r["event_type"]
            assert t in EVENT_TYPES
            if t == "checkout_start":
                assert "add_to_cart" in seen and cart > 0
            if t == "purchase":
                assert "checkout_start" in seen and cart > 0
            if t == "remove_from_cart":
                assert cart > 0
            cart += {"add_to_cart": 1, "remove_from_cart": -1}.get(t, 0)
            if t == "purchase":
                cart = 0
            seen.add(t)


def test_funnel_drop_off(sessions):
    human = [rows for rows in sessions.values() if not rows[0]["is_bot"]]
    reached = collections.Counter()
    for rows in human:
        types = {r["event_type"] for r in rows}
        for stage in ("product_view", "add_to_cart", "checkout_start", "purchase"):
            reached[stage] += stage in types
    n = len(human)
    assert n > reached["product_view"] > reached["add_to_cart"] > reached["checkout_start"] > reached["purchase"] > 0
    assert 0.01 < reached["purchase"] / n < 0.08
    assert reached["add_to_cart"] > 2 * reached["purchase"]          # carts abandoned


def test_session_lengths_are_skewed_with_a_long_tail(sessions):
    lengths = sorted(len(rows) for rows in sessions.values() if not rows[0]["is_bot"])
    assert statistics.median(lengths) <= 4
    assert lengths[int(len(lengths) * 0.99)] >= 20
    assert max(lengths) >= 60
    assert statistics.mean(lengths) > statistics.median(lengths)


def test_zipf_products_and_pages(dataset):
    _, _, _, rows = dataset
    products = collections.Counter(r["product_id"] for r in rows if r["product_id"] is not None)
    total = sum(products.values())
    top = products.most_common()
    assert top[0][1] / total > 0.02
    head = sum(c for _, c in top[: max(1, len(top) // 100)])
    assert head / total > 0.2
    assert len(products) > 1000                                  # and a long tail
    pages = collections.Counter(r["page_path"] for r in rows if r["event_type"] == "page_view")
    assert pages.most_common(1)[0][0] == "/"
    assert pages.most_common(1)[0][1] > 5 * pages["/c/books"]


def test_conditional_nulls(sessions):
    campaign_mediums = {"cpc", "social", "email", "display"}
    for rows in sessions.values():
        for r in rows:
            t = r["event_type"]
            assert (r["search_query"] is not None) == (t == "search")
            assert (r["product_id"] is not None) == (t in PRODUCT_EVENTS)
            assert (r["revenue"] is not None) == (t == "purchase")
            if t == "purchase":
                assert r["revenue"] > 0
            first = r["sequence_in_session"] == 1
            utm = (r["utm_source"], r["utm_medium"], r["utm_campaign"])
            assert all(u is None for u in utm) or all(u is not None for u in utm)
            if utm[0] is not None:
                assert first and utm[1] in campaign_mediums and not r["is_bot"]
                assert f"utm_source={utm[0]}" in r["page_url"]
            if not first:
                assert r["referrer_url"] is not None and r["referrer_url"].startswith("https://shop.example.com/")
            assert r["page_url"].startswith("https://shop.example.com" + r["page_path"])
            if t == "search":
                assert r["page_path"] == "/search" and "?q=" in r["page_url"]
            if t in PRODUCT_EVENTS - {"remove_from_cart"}:
                assert r["page_path"] == "/p/" + r["product_id"]
        utm_sessions = [r for r in rows if r["utm_source"] is not None]
        assert len(utm_sessions) <= 1 + sum(1 for a, b in zip(rows, rows[1:])
                                            if a["event_id"] == b["event_id"] and a["utm_source"] is not None)


@pytest.mark.parametrize("name,known", [("dataset", 0.55), ("tuned", 0.8)])
def test_anonymous_visitors_have_null_user_id(request, name, known):
    sessions = sessions_of(request.getfixturevalue(name)[3])
    human = [rows[0] for rows in sessions.values() if not rows[0]["is_bot"]]
    share = sum(r["user_id"] is not None for r in human) / len(human)
    assert abs(share - known) < 0.03
    assert all(rows[0]["user_id"] is None for rows in sessions.values() if rows[0]["is_bot"])


def test_users_attributes_are_stable(visits):
    _, _, tables, rows = visits
    sessions = sessions_of(rows)
    attributes = {}
    anonymous = {}
    for rows in sessions.values():
        r = rows[0]
        if r["is_bot"]:
            continue
        attrs = (r["country"], r["device_type"], r["os"], r["browser"], r["user_agent"], r["screen_width"],
                 r["screen_height"], r["ip_address"].split(".")[:2])
        if r["user_id"] is not None:
            assert attributes.setdefault(r["user_id"], attrs) == attrs
        assert anonymous.setdefault(r["anonymous_id"], attrs) == attrs
    returning = collections.Counter(rows[0]["user_id"] for rows in sessions.values() if rows[0]["user_id"])
    assert sum(c > 1 for c in returning.values()) > 100      # users come back, and look the same
    # The same user in different files.
    files_of = collections.defaultdict(set)
    for index, table in enumerate(tables):
        for uid in table.column("user_id").to_pylist():
            if uid is not None:
                files_of[uid].add(index)
    assert sum(len(f) > 1 for f in files_of.values()) > 100


def human_sessions(out):
    """Per human session: its cookie, user, first and last event time (DuckDB)."""
    return duckdb.connect().execute(
        f"select session_id, any_value(anonymous_id), any_value(user_id), min(event_timestamp), max(event_timestamp)"
        f" from read_parquet('{out}/**/*.parquet') where not is_bot group by 1 order by 4").fetchall()


@pytest.mark.parametrize("name", ["dataset", "visits"])
def test_no_visitor_has_two_sessions_at_once(request, name):
    """A cookie's sessions never overlap, so sessionizing on (cookie, 30-minute
    gap) cannot merge two of them."""
    by_cookie = collections.defaultdict(list)
    for _, cookie, _, start, end in human_sessions(request.getfixturevalue(name)[0]):
        by_cookie[cookie].append((start, end))
    assert len(by_cookie) > 5_000
    for spans in by_cookie.values():
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert start > end


def test_a_user_has_few_sessions_in_minutes(dataset):
    """Five minutes of a busy site: no logged-in user has more than one session
    (the most active had dozens when one rank took 0.4% of all logins)."""
    counts = collections.Counter(user for _, _, user, _, _ in human_sessions(dataset[0]) if user is not None)
    assert len(counts) > 10_000
    assert max(counts.values()) == 1


def test_visitors_come_back_at_a_human_rate(visits):
    sessions = human_sessions(visits[0])
    starts = collections.defaultdict(list)
    for _, cookie, _, start, _ in sessions:
        starts[cookie].append(start)
    day = datetime.timedelta(hours=24)
    for times in starts.values():
        for i, t in enumerate(times):
            assert sum(1 for u in times[i:] if u - t < day) <= 6      # max_user_sessions_per_day
    per_user = collections.Counter(user for _, _, user, _, _ in sessions if user is not None)
    spread = collections.Counter(per_user.values())
    # Skewed activity: most users come once in a day, a few heavy ones 3 times.
    assert spread[1] > 5 * spread[2] > 0 and spread[3] > 0
    logged_in = sum(per_user.values()) / len(sessions)
    assert abs(logged_in - 0.55) < 0.03


@pytest.mark.parametrize("name,ratio", [("dataset", 0.015), ("tuned", 0.05)])
def test_bots(request, name, ratio):
    sessions = sessions_of(request.getfixturevalue(name)[3])
    bots = [rows for rows in sessions.values() if rows[0]["is_bot"]]
    humans = [rows for rows in sessions.values() if not rows[0]["is_bot"]]
    assert abs(len(bots) / len(sessions) - ratio) < 0.35 * ratio
    assert statistics.mean(map(len, bots)) > 8 * statistics.mean(map(len, humans))     # many events
    bot_gaps = [r["time_since_prev_ms"] for rows in bots for r in rows[1:]]
    human_gaps = [r["time_since_prev_ms"] for rows in humans for r in rows[1:]]
    assert statistics.median(bot_gaps) < 1000 < statistics.median(human_gaps)          # tiny gaps
    human_agents = {rows[0]["user_agent"] for rows in humans}
    bot_agents = {rows[0]["user_agent"] for rows in bots}
    assert not bot_agents & human_agents                                                # odd agents
    assert any("bot" in a.lower() or "python" in a or "Headless" in a for a in bot_agents)
    for rows in bots:
        assert {r["event_type"] for r in rows} <= {"page_view", "product_view", "search"}


@pytest.mark.parametrize("name,rate", [("dataset", 0.005), ("tuned", 0.02)])
def test_client_retry_duplicates(request, name, rate):
    rows = request.getfixturevalue(name)[3]
    copies = collections.Counter(r["event_id"] for r in rows)
    extra = sum(c - 1 for c in copies.values())
    assert abs(extra / len(rows) - rate) < 0.2 * rate, extra / len(rows)
    for a, b in zip(rows, rows[1:]):
        if a["event_id"] == b["event_id"]:
            # A retry repeats the whole event, received right after it.
            assert a["received_timestamp"] <= b["received_timestamp"]
            assert {**a, "received_timestamp": None} == {**b, "received_timestamp": None}
    assert max(copies.values()) == 2


def test_clock_skew(tuned):
    """With flat traffic a session's events are received at T0 + its first global
    row / rate, its last event 0.2 to 1.2 s before; a skewed client is off by a
    constant for the whole session."""
    _, _, _, rows = tuned
    t0 = datetime.datetime(2024, 1, 1)
    skewed = 0
    by_session = sessions_of(rows)
    first_row = {}
    for index, r in enumerate(rows):
        first_row.setdefault(r["session_id"], index)
    for sid, session in by_session.items():
        received = t0 + datetime.timedelta(seconds=first_row[sid] / 200)
        assert abs(session[0]["received_timestamp"] - received) < datetime.timedelta(milliseconds=1)
        offset = (received - session[-1]["event_timestamp"]) / datetime.timedelta(seconds=1)
        if not 0.199 <= offset < 1.201:
            skewed += 1
    assert abs(skewed / len(by_session) - 0.05) < 0.015, skewed / len(by_session)


def test_diurnal_traffic(slow_site):
    _, _, _, rows = slow_site
    by_hour = collections.Counter(r["event_timestamp"].hour for r in rows)
    assert len(by_hour) == 24
    evening = sum(by_hour[h] for h in (19, 20, 21))
    night = sum(by_hour[h] for h in (7, 8, 9))
    assert evening > 2 * night


def test_bad_parameter_is_one_clear_line(tmp_path):
    result = run(["--domain", "clickstream", "--rows", 1000, "--output", tmp_path,
                  "--param", "device_weights=mobile:1,laptop:2"], cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "device_weights" in result.stderr
    assert not parquet_files(tmp_path)


def test_too_few_users_for_the_traffic_is_one_clear_line(tmp_path):
    result = run(["--domain", "clickstream", "--rows", 1000, "--output", tmp_path, "--param", "users=1000"],
                 cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "users" in result.stderr and "raise users to" in result.stderr
    assert not parquet_files(tmp_path)


def test_vocabularies_are_wide(dataset):
    """Hundreds of human user agents, content pages and search queries, not a
    few dozen each; the most popular still lead."""
    _, _, _, rows = dataset
    humans = [r for r in rows if not r["is_bot"]]
    agents = collections.Counter(r["user_agent"] for r in humans)
    pages = collections.Counter(r["page_path"] for r in humans if r["event_type"] == "page_view")
    queries = collections.Counter(r["search_query"] for r in humans if r["search_query"] is not None)
    assert len(agents) > 200 and len(pages) > 200 and len(queries) > 300, (len(agents), len(pages), len(queries))
    assert pages.most_common(1)[0][0] == "/"
    assert sum(c for _, c in queries.most_common(50)) > 0.3 * sum(queries.values())     # a Zipf head
    for agent in agents:
        assert agent.startswith("Mozilla/5.0 (")


FAULTS = ["events_per_second=1.5", "users=200000", "anonymous_visitors=50000", "long_pause_rate=0.02",
          "malformed_url_rate=0.01", "login_in_session_rate=0.2", "multi_device_ratio=0.3"]


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """Every client fault on, over 27 hours of a small site."""
    return generate(tmp_path_factory.mktemp("clickstream-faults"), *FAULTS)


def test_faults_are_off_by_default(dataset, sessions):
    _, _, _, rows = dataset
    assert all(r["time_since_prev_ms"] < 30 * 60 * 1000 for r in rows)
    assert all(r["page_url"].startswith("https://shop.example.com" + r["page_path"]) for r in rows)
    for session in sessions.values():
        assert len({r["user_id"] for r in session}) == 1


def test_long_pauses_inside_sessions(faults):
    """long_pause_rate: 30-120 minute pauses inside sessions, which a 30-minute
    sessionization splits."""
    _, _, _, rows = faults
    gaps = [r["time_since_prev_ms"] for r in rows if not r["is_bot"] and r["sequence_in_session"] > 1]
    long = [g for g in gaps if g >= 30 * 60 * 1000]
    assert abs(len(long) / len(gaps) - 0.02) < 0.006, len(long) / len(gaps)
    assert max(long) <= 120 * 60 * 1000
    [(sessions, sessionized)] = duckdb.connect().execute(f"""
        with e as (select session_id, anonymous_id, event_timestamp,
                          event_timestamp - lag(event_timestamp) over (partition by anonymous_id order by event_timestamp) gap
                   from read_parquet('{faults[0]}/**/*.parquet') where not is_bot)
        select count(distinct session_id), count(*) filter (where gap is null or gap > interval 30 minute) from e""").fetchall()
    assert sessionized > sessions + 0.5 * len(long)


def test_malformed_urls(faults):
    _, _, _, rows = faults
    prefix = "https://shop.example.com"
    bad = [r for r in rows if not r["page_url"].startswith(prefix + r["page_path"]) or " " in r["page_url"]]
    assert abs(len(bad) / len(rows) - 0.01) < 0.003, len(bad) / len(rows)
    kinds = collections.Counter()
    for r in bad:
        url = r["page_url"]
        kinds["double slash"] += url.startswith(prefix + "//")
        kinds["no scheme"] += url.startswith("shop.example.com/")
        kinds["upper case"] += url.startswith("HTTPS://SHOP.EXAMPLE.COM/")
        kinds["space"] += " " in url
        kinds["cut short"] += url.startswith(prefix + "/") and (prefix + r["page_path"]).startswith(url)
    assert all(kinds[k] > 0.1 * len(bad) for k in kinds) and len(kinds) == 5, kinds
    assert all(r["page_path"].startswith("/") and " " not in r["page_path"] for r in rows)


def test_logins_in_the_middle_of_a_session(faults):
    """Identity stitching: a logged-in session may start anonymous; the cookie
    links the events before the login to the user."""
    sessions = sessions_of(faults[3])
    logged_in = stitched = 0
    for rows in sessions.values():
        users = [r["user_id"] for r in rows]
        if all(u is None for u in users):
            continue
        logged_in += 1
        first = next(i for i, u in enumerate(users) if u is not None)
        assert all(u == users[first] for u in users[first:])           # once logged in, stays
        assert len({r["anonymous_id"] for r in rows}) == 1
        if first > 0:
            stitched += 1
            assert 2 <= rows[first]["sequence_in_session"] <= 5
    assert 0.05 < stitched / logged_in < 0.2, stitched / logged_in


def test_users_on_several_devices(faults):
    sessions = sessions_of(faults[3])
    cookies, countries, devices = (collections.defaultdict(set) for _ in range(3))
    for rows in sessions.values():
        user = next((r["user_id"] for r in rows if r["user_id"] is not None), None)
        if user is None:
            continue
        r = rows[-1]
        cookies[user].add(r["anonymous_id"])
        countries[user].add(r["country"])
        devices[user].add((r["anonymous_id"], r["device_type"], r["user_agent"], r["screen_width"]))
    several = [u for u in cookies if len(cookies[u]) > 1]
    assert len(several) > 30     # late uploads lengthen visit windows: fewer sessions a user here
    assert all(len(cookies[u]) == 2 and len(devices[u]) == 2 and len(countries[u]) == 1 for u in several)


def test_bots_reuse_addresses(dataset, sessions):
    bots = [rows[0] for rows in sessions.values() if rows[0]["is_bot"]]
    addresses = collections.Counter(r["ip_address"] for r in bots)
    assert len(addresses) < 0.8 * len(bots)
    assert addresses.most_common(1)[0][1] >= 5


def test_files_hold_rows_in_arrival_order(dataset, sessions):
    """received_timestamp never decreases with the row, so the files' receive
    windows follow their ids without overlapping (checked with DuckDB); a
    session's events arrive together once it ends."""
    out, files, _, rows = dataset
    windows = duckdb.sql(f"""
        select filename, min(received_timestamp), max(received_timestamp)
        from read_parquet('{out}/**/*.parquet', filename = true) group by filename order by 2""").fetchall()
    assert [w[0] for w in windows] == [str(f) for f in files]
    for (_, _, closes), (_, opens, _) in zip(windows, windows[1:]):
        assert closes < opens
    received = [r["received_timestamp"] for r in rows]
    assert received == sorted(received)
    ahead = 0
    for session in sessions.values():
        assert session[-1]["received_timestamp"] - session[0]["received_timestamp"] < datetime.timedelta(seconds=2)
        ahead += session[-1]["event_timestamp"] > session[0]["received_timestamp"]    # a client clock ahead
    assert ahead < 0.03 * len(sessions)


def test_late_uploads(dataset, sessions):
    """A late_upload_ratio (0.05) share of mobile and tablet sessions arrive 2
    minutes to 2 hours after they end, in a file whose window opens after
    their events; web and bot sessions arrive within seconds of their end."""
    _, files, tables, rows = dataset
    opens = {}
    first = 0
    for table in tables:
        opens[first] = table.column("received_timestamp")[0].as_py()
        first += table.num_rows
    late = {"app": 0, "web": 0}
    count = {"app": 0, "web": 0}
    delays = []
    for session in sessions.values():
        kind = "app" if session[0]["device_type"] != "desktop" and not session[0]["is_bot"] else "web"
        delay = session[0]["received_timestamp"] - max(r["event_timestamp"] for r in session)
        count[kind] += 1
        if delay > datetime.timedelta(minutes=1.9):
            late[kind] += 1
            delays.append(delay)
    assert abs(late["app"] / count["app"] - 0.05) < 0.01, late["app"] / count["app"]
    assert late["web"] < 0.005 * count["web"]                      # only skewed clocks
    assert max(delays) > datetime.timedelta(hours=1) and min(delays) < datetime.timedelta(minutes=10)
    assert max(delays) <= datetime.timedelta(hours=2, seconds=2)
    # Late rows precede their file's whole receive window.
    window_open = [None] * len(rows)
    starts = sorted(opens)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(rows)
        window_open[start:end] = [opens[start]] * (end - start)
    late_rows = [(r, w) for r, w in zip(rows, window_open)
                 if r["received_timestamp"] - r["event_timestamp"] > datetime.timedelta(minutes=30)]
    assert late_rows and all(r["event_timestamp"] < w for r, w in late_rows)


def test_long_tail_search_queries(dataset, tuned):
    """long_tail_query_rate (default 0.15): one-off searches, nearly all seen
    once, on top of a Zipf head; the URL carries the same query."""
    def singletons(rows):
        queries = collections.Counter(r["search_query"] for r in rows if r["search_query"] is not None)
        return sum(1 for c in queries.values() if c == 1) / sum(queries.values()), queries
    share, queries = singletons(dataset[3])
    assert 0.12 < share < 0.16, share
    assert sum(c for _, c in queries.most_common(50)) > 0.25 * sum(queries.values())
    without, _ = singletons(tuned[3])                               # long_tail_query_rate=0: the Zipf tail alone
    assert without < 0.05 and share - without > 0.1, (share, without)
    for r in dataset[3]:
        if r["search_query"] is not None and r["event_type"] == "search":
            assert r["page_url"].split("?q=")[1].split("&")[0] == r["search_query"].replace(" ", "+")
