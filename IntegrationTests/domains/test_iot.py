"""iot against spec/iot.md: schema, and every realism feature checked on
more than 100,000 rows read back by pyarrow and DuckDB."""
import collections
import datetime
import statistics

import duckdb
import pyarrow.parquet as pq
import pytest

from support import generate_domain, parquet_files, run

ROWS = 150_000
EXPECTED_SCHEMA = [
    ("reading_id", "int64", False), ("device_id", "string", False), ("site_id", "string", False),
    ("sensor_type", "string", False), ("event_timestamp", "timestamp[us]", False),
    ("ingest_timestamp", "timestamp[us]", False), ("sequence_number", "int64", False),
    ("value", "double", True), ("unit", "string", False), ("latitude", "double", False),
    ("longitude", "double", False), ("battery_pct", "double", True), ("rssi_dbm", "int32", True),
    ("firmware_version", "string", False), ("status", "string", False), ("is_anomaly", "bool", False),
    ("quality_flag", "string", False),
]
UNITS = {"temperature": "C", "humidity": "%", "pressure": "hPa", "vibration": "mm/s", "power": "kW"}
LEGACY = "1.4.2"
MINUTE_US = 60_000_000


def generate(out, *params, rows=ROWS):
    files, tables, rows = generate_domain(out, "iot", params, rows, file_size_mb=2, row_group_mb=0.5)
    assert len(files) >= 2
    return out, files, tables, rows


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """Defaults: 1,000 devices, one reading a minute."""
    return generate(tmp_path_factory.mktemp("iot"))


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """Non-default rates, to see that each parameter is honoured."""
    return generate(tmp_path_factory.mktemp("iot-faulty"), "devices=300", "packet_loss_rate=0.04",
                    "duplicate_rate=0.02", "anomaly_rate=0.03", "late_rate=0.01", "out_of_order_rate=0.05",
                    "legacy_firmware_ratio=0.3")


@pytest.fixture(scope="module")
def long_run(tmp_path_factory):
    """Few devices reading hourly: two months, so battery drain and the daily cycle show."""
    return generate(tmp_path_factory.mktemp("iot-long"), "devices=60", "reading_interval_s=3600",
                    "chatty_ratio=0.1", "chatty_factor=4", rows=110_000)


@pytest.fixture(scope="module")
def long_run_without_drift(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("iot-long-no-drift"), "devices=60", "reading_interval_s=3600",
                    "chatty_ratio=0.1", "chatty_factor=4", "drift_scale=0", rows=110_000)


def by_device(rows):
    devices = collections.defaultdict(list)
    for row in rows:
        devices[row["device_id"]].append(row)
    return devices


def distinct_packets(readings):
    """A device's readings in sequence order, re-sends dropped."""
    seen = {}
    for row in readings:
        seen.setdefault(row["sequence_number"], row)
    return [seen[s] for s in sorted(seen)]


def test_schema(dataset):
    _, files, _, _ = dataset
    for f in files:
        schema = pq.read_schema(f)
        assert [(x.name, str(x.type), x.nullable) for x in schema] == EXPECTED_SCHEMA
        assert schema.metadata[b"lb_datagen.domain"] == b"iot"


def test_duckdb_agrees_with_pyarrow(dataset):
    out, _, _, rows = dataset
    con = duckdb.connect()
    glob = f"{out}/**/*.parquet"
    [(count, devices, nulls, anomalies)] = con.execute(
        f"select count(*), count(distinct device_id), count(*) filter (where value is null),"
        f" count(*) filter (where is_anomaly) from read_parquet('{glob}')").fetchall()
    assert count == len(rows) == ROWS
    assert devices == len({r["device_id"] for r in rows}) == 1000
    assert nulls == sum(r["value"] is None for r in rows)
    assert anomalies == sum(r["is_anomaly"] for r in rows)
    [(prefix_ok,)] = con.execute(f"select bool_and(filename like '%/iot/readings/part-%') "
                                 f"from read_parquet('{glob}', filename=true)").fetchall()
    assert prefix_ok


def test_reading_ids_are_global_row_numbers(dataset):
    _, _, _, rows = dataset
    assert [r["reading_id"] for r in rows] == list(range(ROWS))


def test_formats_and_categories(dataset):
    _, _, _, rows = dataset
    for r in rows:
        assert len(r["device_id"]) == 10 and r["device_id"].startswith("dev-")
        assert r["site_id"].startswith("site-")
        assert r["status"] in {"ok", "degraded", "fault", "offline"}
        assert r["quality_flag"] in {"good", "estimated", "out_of_range", "missing"}
        assert r["rssi_dbm"] is None or -120 <= r["rssi_dbm"] <= -30
        assert r["ingest_timestamp"] > r["event_timestamp"]


@pytest.mark.parametrize("name", ["dataset", "faulty"])
def test_device_attributes_are_stable_across_files(request, name):
    _, files, tables, _ = request.getfixturevalue(name)
    seen = {}
    files_of = collections.defaultdict(set)
    for index, table in enumerate(tables):
        for r in table.to_pylist():
            if r["status"] == "offline":
                continue                                   # no battery reading while offline
            attrs = (r["site_id"], r["sensor_type"], r["firmware_version"], r["battery_pct"] is None, r["unit"])
            position = (r["latitude"], r["longitude"])
            first_attrs, first_position = seen.setdefault(r["device_id"], (attrs, position))
            assert first_attrs == attrs, r["device_id"]
            # Fixed position, small GPS jitter.
            assert abs(first_position[0] - position[0]) < 1e-4 and abs(first_position[1] - position[1]) < 1e-4
            files_of[r["device_id"]].add(index)
    assert sum(len(f) > 1 for f in files_of.values()) > 0.9 * len(files_of)


def test_per_type_baselines(dataset):
    _, _, _, rows = dataset
    values = collections.defaultdict(list)
    for r in rows:
        if r["value"] is not None and not r["is_anomaly"] and r["unit"] != "F":
            values[r["sensor_type"]].append(r["value"])
    assert set(values) == set(UNITS)
    assert 15 < statistics.median(values["temperature"]) < 27
    assert 30 < statistics.median(values["humidity"]) < 60
    assert 1000 < statistics.median(values["pressure"]) < 1025
    assert 1 < statistics.median(values["vibration"]) < 6
    assert 5 < statistics.median(values["power"]) < 20
    # Devices differ: their own baselines spread around the type's.
    per_device = collections.defaultdict(list)
    for r in rows:
        if r["sensor_type"] == "temperature" and r["unit"] == "C" and r["value"] is not None and not r["is_anomaly"]:
            per_device[r["device_id"]].append(r["value"])
    assert statistics.pstdev([statistics.mean(v) for v in per_device.values()]) > 1.5


def test_units_and_legacy_fahrenheit(faulty):
    _, _, _, rows = faulty
    fahrenheit = [r for r in rows if r["unit"] == "F"]
    assert fahrenheit
    for r in rows:
        legacy_temperature = r["firmware_version"] == LEGACY and r["sensor_type"] == "temperature"
        assert r["unit"] == ("F" if legacy_temperature else UNITS[r["sensor_type"]])
    normal_f = [r["value"] for r in fahrenheit if r["value"] is not None and not r["is_anomaly"]]
    normal_c = [r["value"] for r in rows if r["unit"] == "C" and r["value"] is not None and not r["is_anomaly"]]
    assert 59 < statistics.median(normal_f) < 81      # 15-27 °C
    assert 15 < statistics.median(normal_c) < 27


def arrived_in_order(row):
    return row["ingest_timestamp"] - row["event_timestamp"] < datetime.timedelta(minutes=15)


@pytest.mark.parametrize("name,loss,late", [("dataset", 0.01, 0.002), ("faulty", 0.04, 0.01)])
def test_sequence_gaps_at_the_loss_rate(request, name, loss, late):
    """Gaps between the packets that arrived in time; late packets from
    before the run are outside that span, and those due after its end look
    lost (at most the late rate more)."""
    _, _, _, rows = request.getfixturevalue(name)
    span = missing = 0
    for readings in by_device(rows).values():
        in_order = [r["sequence_number"] for r in readings if arrived_in_order(r)]
        low, high = min(in_order), max(in_order)
        numbers = {r["sequence_number"] for r in readings if low <= r["sequence_number"] <= high}
        span += high - low + 1
        missing += high - low + 1 - len(numbers)
    assert missing > 0
    assert 0.85 * loss < missing / span < 1.15 * (loss + late), missing / span


@pytest.mark.parametrize("name,rate", [("dataset", 0.005), ("faulty", 0.02)])
def test_resent_duplicates_at_their_rate(request, name, rate):
    _, _, _, rows = request.getfixturevalue(name)
    copies = collections.defaultdict(list)
    for r in rows:
        copies[(r["device_id"], r["sequence_number"])].append(r)
    extra = sum(len(c) - 1 for c in copies.values())
    assert abs(extra / len(rows) - rate) < 0.15 * rate, extra / len(rows)
    for group in copies.values():
        if len(group) > 1:
            first, again = group[0], group[1]
            # A re-send: the same packet, received again later.
            for column in ("event_timestamp", "value", "unit", "is_anomaly", "status", "battery_pct"):
                assert first[column] == again[column], column
            assert again["reading_id"] > first["reading_id"]
            assert again["ingest_timestamp"] > first["event_timestamp"]


def test_sequence_numbers_follow_event_time(dataset):
    _, _, _, rows = dataset
    for readings in by_device(rows).values():
        packets = distinct_packets(readings)
        times = [r["event_timestamp"] for r in packets]
        assert times == sorted(times)


@pytest.mark.parametrize("name,late,out_of_order", [("dataset", 0.002, 0.01), ("faulty", 0.01, 0.05)])
def test_late_and_out_of_order_arrivals(request, name, late, out_of_order):
    _, _, _, rows = request.getfixturevalue(name)
    lags = [(r["ingest_timestamp"] - r["event_timestamp"]) // datetime.timedelta(microseconds=1) for r in rows]
    hours_late = sum(lag > 15 * MINUTE_US for lag in lags) / len(rows)
    assert abs(hours_late - late) < 0.3 * late, hours_late
    assert max(lags) > 60 * MINUTE_US
    assert statistics.median(lags) < 5_000_000       # most rows arrive within seconds
    # Per device, arrival order is not sequence order.
    inversions = 0
    for readings in by_device(rows).values():
        by_ingest = sorted(readings, key=lambda r: r["ingest_timestamp"])
        seqs = [r["sequence_number"] for r in by_ingest]
        inversions += sum(b < a for a, b in zip(seqs, seqs[1:]))
    assert inversions > 0.5 * out_of_order * len(rows)


@pytest.mark.parametrize("name", ["dataset", "faulty"])
def test_files_hold_rows_in_arrival_order(request, name):
    """A file holds the rows the gateway received in its ingest window; the
    windows follow the file ids without overlapping, so a late row lands in
    a later file than its event time (checked with DuckDB over the files)."""
    out, files, _, rows = request.getfixturevalue(name)
    windows = duckdb.sql(f"""
        select filename, min(reading_id) first_id, min(ingest_timestamp) opens, max(ingest_timestamp) closes,
               bool_and(event_timestamp < ingest_timestamp) sampled_before_received
        from read_parquet('{out}/**/*.parquet', filename = true) group by filename order by first_id""").fetchall()
    assert [w[0] for w in windows] == [str(f) for f in files]       # file id order is reading_id order
    for (_, _, _, closes, _), (_, _, opens, _, _) in zip(windows, windows[1:]):
        assert closes < opens
    assert all(w[4] for w in windows)
    # Within a file too, rows are in the order they were received.
    ingest = [r["ingest_timestamp"] for r in rows]
    assert ingest == sorted(ingest)

    opens = {i: w[2] for i, w in enumerate(windows)}
    file_of = []
    for i, (_, _, _, _, _) in enumerate(windows):
        file_of += [i] * (windows[i + 1][1] - windows[i][1] if i + 1 < len(windows) else len(rows) - windows[i][1])
    late = [(r, file_of[n]) for n, r in enumerate(rows) if not arrived_in_order(r)]
    before_window = sum(r["event_timestamp"] < opens[f] for r, f in late)
    assert before_window > 0.5 * len(late), (before_window, len(late))
    # A row that arrived in order was sampled seconds before it was received.
    assert all(r["ingest_timestamp"] - r["event_timestamp"] < datetime.timedelta(minutes=15)
               for r in rows if arrived_in_order(r))


@pytest.mark.parametrize("name", ["dataset", "faulty"])
def test_resends_and_delayed_packets_arrive_after_their_place(request, name):
    """A re-send arrives after the copy before it; a delayed packet arrives
    after packets sampled later, and its event time sits between theirs."""
    _, _, _, rows = request.getfixturevalue(name)
    copies = collections.defaultdict(list)
    for n, r in enumerate(rows):
        copies[(r["device_id"], r["sequence_number"])].append((n, r))
    resent = 0
    for group in copies.values():
        for (n, first), (m, again) in zip(group, group[1:]):
            resent += 1
            assert m > n and again["ingest_timestamp"] > first["ingest_timestamp"]
            assert again["event_timestamp"] == first["event_timestamp"]
    assert resent > 0
    overtaken = 0
    for readings in by_device(rows).values():
        packets = distinct_packets(readings)
        for before, packet, after in zip(packets, packets[1:], packets[2:]):
            assert before["event_timestamp"] < packet["event_timestamp"] < after["event_timestamp"]
            overtaken += packet["ingest_timestamp"] > after["ingest_timestamp"]
    assert overtaken > 0.5 * len(rows) * {"dataset": 0.012, "faulty": 0.06}[name]


@pytest.mark.parametrize("name,rate", [("dataset", 0.01), ("faulty", 0.03)])
def test_anomaly_rate(request, name, rate):
    _, _, _, rows = request.getfixturevalue(name)
    share = sum(r["is_anomaly"] for r in rows) / len(rows)
    assert abs(share - rate) < 0.35 * rate, share


@pytest.mark.parametrize("name", ["dataset", "faulty"])
def test_anomaly_labels_match_planted_anomalies(request, name):
    """Every labelled reading is a dropout, part of a stuck-at run or a spike;
    unlabelled readings are none of those."""
    _, _, _, rows = request.getfixturevalue(name)
    kinds = collections.Counter()
    for readings in by_device(rows).values():
        packets = distinct_packets(readings)
        values = [r["value"] for r in packets]
        normal = [v for r, v in zip(packets, values) if not r["is_anomaly"] and v is not None]
        if len(normal) < 5:
            continue
        diffs = sorted(abs(b - a) for a, b in zip(normal, normal[1:]))
        typical = max(diffs[len(diffs) // 2], 0.01)
        for i, r in enumerate(packets):
            v = values[i]
            if v is None:
                # Dropouts, and only dropouts, have no value.
                assert r["is_anomaly"] and r["quality_flag"] == "missing" and r["status"] in {"fault", "offline"}
                kinds["dropout"] += 1
                continue
            assert r["quality_flag"] != "missing"
            if not r["is_anomaly"]:
                assert r["status"] in {"ok", "degraded"}
                continue
            if i == 0 or i == len(packets) - 1 or packets[i - 1]["sequence_number"] != r["sequence_number"] - 1 \
                    or packets[i + 1]["sequence_number"] != r["sequence_number"] + 1:
                continue                                   # at the edge of the data or of a gap: a spike or a run's end
            stuck = (i > 0 and values[i - 1] == v and packets[i - 1]["is_anomaly"]) or \
                    (i + 1 < len(values) and values[i + 1] == v and packets[i + 1]["is_anomaly"])
            if stuck:
                kinds["stuck"] += 1
                continue
            before = next((values[j] for j in range(i - 1, -1, -1)
                           if values[j] is not None and not packets[j]["is_anomaly"]), None)
            after = next((values[j] for j in range(i + 1, len(values))
                          if values[j] is not None and not packets[j]["is_anomaly"]), None)
            neighbours = [x for x in (before, after) if x is not None]
            assert neighbours
            jump = abs(v - sum(neighbours) / len(neighbours))
            assert jump > 4 * typical, (r["device_id"], r["sequence_number"], v, neighbours, typical)
            kinds["spike"] += 1
        # Unlabelled readings never sit still: no run of 5 equal values, not even at an idle floor.
        run_length = 1
        for a, b, ra, rb in zip(values, values[1:], packets, packets[1:]):
            same = a is not None and a == b and not ra["is_anomaly"] and not rb["is_anomaly"]
            run_length = run_length + 1 if same else 1
            assert run_length < 5
    assert kinds["dropout"] > 0 and kinds["stuck"] > 0 and kinds["spike"] > 0, kinds
    # Stuck runs are long (10-60 readings), spikes short.
    assert kinds["stuck"] > kinds["spike"]


def test_stuck_runs_are_long(dataset):
    _, _, _, rows = dataset
    longest = 0
    for readings in by_device(rows).values():
        packets = distinct_packets(readings)
        length = 1
        for a, b in zip(packets, packets[1:]):
            same = a["is_anomaly"] and b["is_anomaly"] and a["value"] is not None and a["value"] == b["value"]
            length = length + 1 if same else 1
            longest = max(longest, length)
    assert longest >= 10


def test_battery_null_for_mains_and_draining_otherwise(long_run):
    _, _, _, rows = long_run
    devices = by_device(rows)
    devices = {d: [r for r in rs if r["status"] != "offline"] for d, rs in devices.items()}
    mains = [d for d, rs in devices.items() if all(r["battery_pct"] is None for r in rs)]
    battery = [d for d, rs in devices.items() if all(r["battery_pct"] is not None for r in rs)]
    assert len(mains) + len(battery) == len(devices)      # never mixed within a device
    assert mains and battery
    draining = 0
    for d in battery:
        packets = distinct_packets(devices[d])
        levels = [r["battery_pct"] for r in packets]
        assert all(0 <= x <= 100 for x in levels)
        # Mostly downhill: hour-to-hour rises are noise or a swap back to ~100%.
        drops = sum(b < a for a, b in zip(levels, levels[1:]))
        big_rises = [b - a for a, b in zip(levels, levels[1:]) if b - a > 5]
        assert all(levels[i] > 90 for i in range(1, len(levels)) if levels[i] - levels[i - 1] > 5)
        if levels[0] - levels[-1] > 5 or big_rises:
            draining += 1
        assert drops > 0.3 * len(levels)
    assert draining > 0.8 * len(battery)
    low = [r for r in rows if r["battery_pct"] is not None and r["battery_pct"] < 10 and r["value"] is not None]
    assert all(r["status"] == "degraded" for r in low)


def test_daily_cycle(long_run):
    _, _, _, rows = long_run
    by_hour = collections.defaultdict(list)
    for r in rows:
        if r["sensor_type"] == "temperature" and r["value"] is not None and not r["is_anomaly"]:
            celsius = r["value"] if r["unit"] == "C" else (r["value"] - 32) / 1.8
            utc_hour = r["event_timestamp"].hour + r["event_timestamp"].minute / 60
            local = int(utc_hour + r["longitude"] / 15) % 24
            by_hour[local].append(celsius)
    afternoon = statistics.mean(v for h in (13, 14, 15, 16, 17) for v in by_hour[h])
    night = statistics.mean(v for h in (1, 2, 3, 4, 5) for v in by_hour[h])
    assert afternoon - night > 2


def drift_slopes(out):
    """Per device: slope (per day) of its daily mean reading, in °C for temperature."""
    return duckdb.connect().execute(f"""
        with daily as (
            select device_id, sensor_type, date_diff('day', timestamp '2024-01-01', event_timestamp) as d,
                   avg(case when unit = 'F' then (value - 32) / 1.8 else value end) as v
            from read_parquet('{out}/**/*.parquet') where not is_anomaly and value is not null group by all)
        select device_id, sensor_type, regr_slope(v, d) from daily group by all""").fetchall()


def test_per_device_drift(long_run, long_run_without_drift):
    drifting = drift_slopes(long_run[0])
    steady = drift_slopes(long_run_without_drift[0])
    spread = lambda slopes, kind: statistics.pstdev(s for _, t, s in slopes if t == kind)
    for kind in ("temperature", "humidity", "pressure"):
        assert spread(drifting, kind) > 4 * spread(steady, kind), kind
    # Vibration drifts one way: bearings wear.
    vibration = [s for _, t, s in drifting if t == "vibration"]
    assert min(vibration) > -0.003 and statistics.median(vibration) > 0.002


def test_chatty_devices_skew_activity(long_run):
    _, _, _, rows = long_run
    counts = collections.Counter(r["device_id"] for r in rows)
    ordinary = statistics.median(counts.values())
    chatty = [c for c in counts.values() if c > 2 * ordinary]
    assert chatty
    assert all(3.5 * ordinary < c < 4.5 * ordinary for c in chatty)


def test_event_time_advances_with_rows(long_run):
    _, _, _, rows = long_run
    first, last = rows[0]["event_timestamp"], rows[-1]["event_timestamp"]
    assert 60 < (last - first).days < 90          # 110,000 rows / ~60 a tick (slow devices) = ~1,800 hourly ticks
    assert first.year == 2024 and first.month == 1 and first.day == 1


def test_bad_parameter_is_one_clear_line(tmp_path):
    result = run(["--domain", "iot", "--rows", 1000, "--output", tmp_path, "--param", "packet_loss_rate=2"],
                 cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "packet_loss_rate" in result.stderr
    assert not parquet_files(tmp_path)


def runs_of_equal_values(packets):
    """Lengths of runs of one unlabelled value repeated in a device's packets."""
    lengths, length = [], 1
    for a, b in zip(packets, packets[1:]):
        same = a["value"] is not None and a["value"] == b["value"] and not a["is_anomaly"] and not b["is_anomaly"]
        length = length + 1 if same else 1
        lengths.append(length)
    return lengths


@pytest.mark.parametrize("name", ["dataset", "long_run"])
def test_idle_devices_read_noise_not_a_constant(request, name):
    """Power meters and vibration sensors of idle machines read a small noisy
    level: an unlabelled run of one value would be a stuck sensor nobody planted."""
    _, _, _, rows = request.getfixturevalue(name)
    idle = 0
    for readings in by_device(rows).values():
        if readings[0]["sensor_type"] not in ("power", "vibration"):
            continue
        packets = distinct_packets(readings)
        assert max(runs_of_equal_values(packets), default=1) < 5
        normal = [r["value"] for r in packets if not r["is_anomaly"] and r["value"] is not None]
        assert all(v > 0 for v in normal)
        idle += sum(v < 0.2 for v in normal)
    assert idle > 0                                   # idle readings exist, and are not zero


def test_offline_rows_carry_no_signal_or_battery(faulty):
    _, _, _, rows = faulty
    offline = [r for r in rows if r["status"] == "offline"]
    assert len(offline) > 100
    assert all(r["rssi_dbm"] is None and r["battery_pct"] is None and r["value"] is None for r in offline)
    assert all(r["rssi_dbm"] is not None for r in rows if r["status"] != "offline")
    battery = {r["device_id"] for r in rows if r["battery_pct"] is not None}
    assert any(r["device_id"] in battery for r in offline)      # battery devices lose it only while offline


def test_devices_report_at_many_rates(dataset):
    """Devices read every 1, 2, 5 or 15 minutes, chatty ones 10 times a minute:
    activity has five levels, not two."""
    _, _, _, rows = dataset
    counts = collections.Counter(r["device_id"] for r in rows)
    ordinary = statistics.median(counts.values())
    levels = collections.Counter(min((1, 2, 5, 15), key=lambda n: abs(ordinary / c - n)) if c <= ordinary * 1.2
                                 else -round(c / ordinary) for c in counts.values())
    assert {1, 2, 5, 15, -10} <= set(levels), levels
    assert levels[1] > 0.6 * len(counts)


@pytest.mark.parametrize("name,loss", [("dataset", 0.01), ("faulty", 0.04)])
def test_loss_varies_by_device_comes_in_bursts_and_follows_signal(request, name, loss):
    _, _, _, rows = request.getfixturevalue(name)
    rates, bursts, signal = [], collections.Counter(), []
    for readings in by_device(rows).values():
        in_order = [r["sequence_number"] for r in readings if arrived_in_order(r)]
        numbers = sorted({r["sequence_number"] for r in readings if min(in_order) <= r["sequence_number"] <= max(in_order)})
        if len(numbers) < 100:
            continue
        gaps = [b - a - 1 for a, b in zip(numbers, numbers[1:]) if b - a > 1]
        bursts.update(gaps)
        rate = sum(gaps) / (numbers[-1] - numbers[0] + 1)
        rssi = statistics.median(r["rssi_dbm"] for r in readings if r["rssi_dbm"] is not None)
        rates.append(rate)
        signal.append((rssi, rate))
    assert statistics.pstdev(rates) > 0.4 * statistics.mean(rates)      # not one loss rate for all
    assert bursts[1] > 0 and bursts[2] > 0 and bursts[3] > 0
    # Two bursts may meet, or a burst a packet that is still on its way.
    assert sum(n for size, n in bursts.items() if size > 6) < 0.01 * sum(bursts.values()), bursts
    weak = [rate for rssi, rate in signal if rssi < -85]
    strong = [rate for rssi, rate in signal if rssi > -65]
    assert statistics.mean(weak) > 1.5 * statistics.mean(strong)


FAULTS = ["devices=300", "clock_fault_ratio=0.3", "gateway_outage_rate=7", "reboot_rate=30", "sequence_bits=8",
          "firmware_rollout_ratio=0.5", "firmware_rollout_days=0.05", "legacy_firmware_ratio=0.3"]


@pytest.fixture(scope="module")
def fleet_faults(tmp_path_factory):
    """Every fleet fault on, over 12 hours of 300 devices."""
    return generate(tmp_path_factory.mktemp("iot-fleet-faults"), *FAULTS)


def test_wrong_device_clocks(fleet_faults):
    """A third of clock_fault_ratio each: clocks reset to 1970, set in the future,
    or drifting; the gateway's ingest_timestamp stays right."""
    out, _, _, rows = fleet_faults
    assert all(r["ingest_timestamp"].year == 2024 for r in rows)
    [(epoch, future, devices)] = duckdb.connect().execute(f"""
        select count(*) filter (where y1970), count(*) filter (where ahead), count(*) from (
            select device_id, bool_and(year(event_timestamp) = 1970) y1970,
                   bool_and(event_timestamp > ingest_timestamp + interval 1 day) ahead
            from read_parquet('{out}/**/*.parquet') group by 1)""").fetchall()
    drifting = 0
    for readings in by_device(rows).values():
        readings.sort(key=lambda r: r["ingest_timestamp"])
        lags = [(r["event_timestamp"] - r["ingest_timestamp"]) / datetime.timedelta(seconds=1) for r in readings]
        if abs(lags[0]) < 86_400 and len(lags) > 40:
            early, late = statistics.median(lags[:20]), statistics.median(lags[-20:])
            drifting += abs(late - early) > 3
    for count in (epoch, future, drifting):
        assert 0.04 * devices < count < 0.17 * devices, (epoch, future, drifting)


def test_gateway_outages_take_whole_sites_offline(fleet_faults):
    _, _, _, rows = fleet_faults
    minutes = collections.defaultdict(list)
    for r in rows:
        minutes[(r["site_id"], r["ingest_timestamp"].replace(second=0, microsecond=0))].append(r)
    site_wide = [group for group in minutes.values()
                 if len(group) >= 3 and all(r["status"] == "offline" for r in group)]
    assert len(site_wide) > 50
    for group in site_wide:
        assert all(r["value"] is None and r["is_anomaly"] and r["quality_flag"] == "missing" for r in group)


def test_sequence_counters_restart_and_wrap(fleet_faults):
    """sequence_bits=8 wraps after 255; reboots and upgrades restart the counter at 0."""
    _, _, _, rows = fleet_faults
    assert all(0 <= r["sequence_number"] < 256 for r in rows)
    wraps = restarts = 0
    for readings in by_device(rows).values():
        seen = {}
        for r in readings:
            seen.setdefault((r["event_timestamp"], r["sequence_number"]), r)
        packets = [seen[k] for k in sorted(seen)]
        for a, b in zip(packets, packets[1:]):
            if b["sequence_number"] < a["sequence_number"]:
                if a["sequence_number"] >= 240 and b["sequence_number"] <= 15:
                    wraps += 1
                else:
                    restarts += 1
    assert wraps > 100 and restarts > 50, (wraps, restarts)


def test_firmware_rollout_mid_run(fleet_faults):
    """Half the devices move to 3.0.1 once; a legacy device's temperature turns
    from °F to °C at the upgrade, and its counter restarts."""
    _, _, _, rows = fleet_faults
    upgraded = switched = 0
    devices = by_device(rows)
    for readings in devices.values():
        # In event order (device clocks, right or wrong, run forward), one switch.
        packets = sorted({r["event_timestamp"]: r for r in readings}.values(), key=lambda r: r["event_timestamp"])
        versions = [r["firmware_version"] for r in packets]
        if len(set(versions)) == 1:
            continue
        upgraded += 1
        first_new = versions.index("3.0.1")
        assert set(versions[:first_new]) != {"3.0.1"} and set(versions[first_new:]) == {"3.0.1"}
        before = [r for r in packets if r["firmware_version"] != "3.0.1"]
        after = [r for r in packets if r["firmware_version"] == "3.0.1"]
        assert min(r["sequence_number"] for r in after) < 5
        if before[0]["firmware_version"] == LEGACY and before[0]["sensor_type"] == "temperature":
            assert {r["unit"] for r in before} == {"F"} and {r["unit"] for r in after} == {"C"}
            switched += 1
    # Half of the devices, less those already on 3.0.1 or upgraded before their first packet.
    assert 0.3 * len(devices) < upgraded < 0.55 * len(devices)
    assert switched > 0


@pytest.fixture(scope="module")
def churn(tmp_path_factory):
    """Devices living 0.1 day (0.05 to 0.15) at their place: over 12 hours each
    place sees several devices come and go."""
    return generate(tmp_path_factory.mktemp("iot-churn"), "devices=300", "device_lifetime_days=0.1")


def test_devices_join_and_leave_the_fleet(churn):
    _, _, _, rows = churn
    devices = by_device(rows)
    newcomers = [d for d in devices if int(d[4:]) >= 300]
    assert len(devices) > 3 * 300 and len(newcomers) > 2 * 300
    # A place (position and type) holds one device at a time: each leaves before the next joins.
    places = []          # (site, type, mean latitude, mean longitude, spans)
    for d, readings in devices.items():
        times = [r["event_timestamp"] for r in readings]
        first = readings[0]
        lat = statistics.mean(r["latitude"] for r in readings)
        lon = statistics.mean(r["longitude"] for r in readings)
        place = next((p for p in places if p[:2] == (first["site_id"], first["sensor_type"])
                      and abs(p[2] - lat) < 4e-5 and abs(p[3] - lon) < 4e-5), None)
        if place is None:
            place = (first["site_id"], first["sensor_type"], lat, lon, [])
            places.append(place)
        place[4].append((min(times), max(times), d, readings))
    joined = 0
    assert 250 < len(places) <= 300
    for *_, spans in places:
        spans.sort(key=lambda span: span[0])
        for (_, end, _, _), (start, _, device, readings) in zip(spans, spans[1:]):
            assert start > end
            packets = distinct_packets(readings)
            if int(device[4:]) >= 300:
                joined += 1
                # A new device: counter from 0, newest firmware, a full battery.
                assert packets[0]["sequence_number"] <= 5
                assert {r["firmware_version"] for r in packets} == {"3.0.1"}
                if packets[0]["battery_pct"] is not None:
                    assert packets[0]["battery_pct"] > 98
    assert joined > 2 * 300
