#!/usr/bin/env python3
"""End-to-end throughput of `winnow clean` against the roofline, on the
standard corpus (python3 standard library only).

    python3 bench/e2e.py [--size 100MiB] [--rounds 3] [--build build/release]
                         [--json build/bench-e2e/summary-100MiB.json]

1. Generates the standard corpus with
   `python3 ../shared/bench/gen_corpus.py --out F --size SIZE` (seeded: the
   same bytes on every machine) and caches it as build/bench-corpus/
   corpus-SIZE.jsonl. Without ../shared it prints why and exits 0 (skipped).
2. For each of --rounds rounds, runs every command once, in this order
   (interleaved, so that a noisy minute on a shared machine hits all of
   them alike):
     roofline           bench/roofline F (see roofline.cc): R
     read only          winnow stats F (reading and parsing, no cleaning)
     clean -j1, -j2     winnow clean F -o TMP/out.jsonl (default stages)
     boilerplate, repeats, corpus
                        winnow clean F -o ... --stages S -j 1
     with --leave-out, four more (-j 1): --sentence-span 0;
                        --stages boilerplate,repeats; --stages
                        boilerplate,corpus; the last with --sentence-span 0
   each under GNU time (`/usr/bin/time -f "%e %U %S %M"`: wall seconds, user
   and system CPU seconds, peak RSS).
3. Prints, per command, the median wall time over the rounds, MB/s of
   input file bytes (10^6 bytes), the ratio to R (the roofline's median
   MB/s in the same run), the median CPU seconds (user + system: on a shared
   machine wall time also holds the time other jobs had the core), and the
   peak RSS (the largest of the rounds), as a markdown table, then writes
   the same as JSON (--json).

It prints which build ran: the CMake build type and flags from the build
tree's CMakeCache.txt, `winnow --version`, the git commit (and whether the
work tree had changes), and the machine.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
GEN = os.path.join(SHARED, "bench", "gen_corpus.py")
TIME = "/usr/bin/time"


def parse_size(text):
    units = {"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    for unit, factor in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(text)


def cache_value(build, key):
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            for line in f:
                name, _, value = line.partition("=")
                if name.split(":")[0] == key:
                    return value.strip()
    except OSError:
        pass
    return ""


def describe_build(build, winnow):
    config = cache_value(build, "CMAKE_BUILD_TYPE") or "?"
    flags = " ".join(
        x for x in (cache_value(build, "CMAKE_CXX_FLAGS"),
                    cache_value(build, "CMAKE_CXX_FLAGS_" + config.upper())) if x)
    # Winnow's own code gets -O3 on top in optimized builds (WINNOW_O3,
    # cmake/WinnowHelpers.cmake); say so, since the flags above do not.
    if config in ("Release", "RelWithDebInfo") and (cache_value(build, "WINNOW_O3") or "ON") == "ON":
        flags += " (winnow code: -O3, WINNOW_O3)"
    native = cache_value(build, "WINNOW_NATIVE") or "OFF"
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    version = subprocess.run([winnow, "--version"], capture_output=True, text=True)
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "build_dir": os.path.relpath(build, ROOT),
        "build_type": config,
        "cxx_flags": flags,
        "native": native,
        "winnow_version": (version.stdout or version.stderr).strip(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "machine": f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def run_timed(cmd, log):
    """Runs cmd under GNU time; returns (wall s, CPU s, peak RSS KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        proc = subprocess.run([TIME, "-o", t.name, "-f", "%e %U %S %M"] + cmd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        fields = t.read().split()
    if proc.returncode != 0:
        log.write(proc.stderr)
        sys.exit(f"e2e: command failed (exit {proc.returncode}): {' '.join(cmd)}")
    return float(fields[-4]), float(fields[-3]) + float(fields[-2]), int(fields[-1]), proc.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="1GiB", help="corpus size (default 1GiB; 100MiB for quick runs)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every command (default 3)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"), help="build tree")
    ap.add_argument("--json", default=None, help="JSON summary (default build/bench-e2e/summary-SIZE.json)")
    ap.add_argument("--only", default=None,
                    help="comma-separated subset of: roofline,read,j1,j2,boilerplate,repeats,corpus "
                         "(and, with --leave-out, nospan,b_r,b_c,b_c_nospan)")
    ap.add_argument("--leave-out", action="store_true",
                    help="also run the default stages with parts of their work left out, one at a time "
                         "(-j 1): without the sentence-span index, without the corpus stage, without "
                         "the repeats stage, without both the repeats stage and the sentence-span index")
    args = ap.parse_args()

    if not os.path.exists(GEN):
        print(f"e2e: skipped: {GEN} is missing (the standard corpus generator lives in ../shared)")
        return 0
    if not os.path.exists(TIME):
        sys.exit(f"e2e: {TIME} (GNU time) is missing: `make deps` installs the Debian package time")
    build = os.path.abspath(args.build)
    winnow = os.path.join(build, "tools", "winnow")
    roofline = os.path.join(build, "bench", "roofline")
    for exe in (winnow, roofline):
        if not os.access(exe, os.X_OK):
            sys.exit(f"e2e: {exe} is missing: build it first (make release)")

    corpus_dir = os.path.join(ROOT, "build", "bench-corpus")
    os.makedirs(corpus_dir, exist_ok=True)
    corpus = os.path.join(corpus_dir, f"corpus-{args.size}.jsonl")
    if not os.path.exists(corpus):
        print(f"e2e: generating {corpus} ({args.size})", flush=True)
        tmp = corpus + ".tmp"
        subprocess.run([sys.executable, GEN, "--out", tmp, "--size", args.size], check=True,
                       stdout=subprocess.DEVNULL)
        os.replace(tmp, corpus)
        truth = tmp + ".truth.tsv"
        if os.path.exists(truth):
            os.replace(truth, corpus + ".truth.tsv")
    size = os.path.getsize(corpus)

    build_info = describe_build(build, winnow)
    print(f"e2e: corpus {os.path.relpath(corpus, ROOT)} ({size} bytes), {args.rounds} rounds")
    for key in ("build_type", "cxx_flags", "native", "winnow_version", "commit", "machine", "date"):
        print(f"e2e: {key}: {build_info[key]}")

    out_dir = tempfile.mkdtemp(prefix="winnow-e2e-")
    out = os.path.join(out_dir, "out.jsonl")
    clean = [winnow, "clean", corpus, "-o", out, "-q", "--no-progress"]
    commands = [
        ("roofline", "roofline (R)", [roofline, corpus]),
        ("read", "read only (`winnow stats`)", [winnow, "stats", corpus, "-q"]),
        ("j1", "clean, all stages, -j 1", clean + ["-j", "1"]),
        ("j2", "clean, all stages, -j 2", clean + ["-j", "2"]),
        ("boilerplate", "clean --stages boilerplate -j 1", clean + ["--stages", "boilerplate", "-j", "1"]),
        ("repeats", "clean --stages repeats -j 1", clean + ["--stages", "repeats", "-j", "1"]),
        ("corpus", "clean --stages corpus -j 1", clean + ["--stages", "corpus", "-j", "1"]),
    ]
    if args.leave_out:
        commands += [
            ("nospan", "clean --sentence-span 0 -j 1", clean + ["--sentence-span", "0", "-j", "1"]),
            ("b_r", "clean --stages boilerplate,repeats -j 1",
             clean + ["--stages", "boilerplate,repeats", "-j", "1"]),
            ("b_c", "clean --stages boilerplate,corpus -j 1",
             clean + ["--stages", "boilerplate,corpus", "-j", "1"]),
            ("b_c_nospan", "clean --stages boilerplate,corpus --sentence-span 0 -j 1",
             clean + ["--stages", "boilerplate,corpus", "--sentence-span", "0", "-j", "1"]),
        ]
    if args.only:
        wanted = set(args.only.split(","))
        commands = [c for c in commands if c[0] in wanted or c[0] == "roofline"]
    results = {key: {"label": label, "cmd": cmd, "seconds": [], "cpu_seconds": [], "rss_kib": []}
               for key, label, cmd in commands}
    roofline_out = ""
    try:
        for r in range(args.rounds):
            for key, label, cmd in commands:
                seconds, cpu, rss, stdout = run_timed(cmd, sys.stderr)
                if os.path.exists(out):
                    os.remove(out)
                if key == "roofline":
                    roofline_out = stdout
                results[key]["seconds"].append(seconds)
                results[key]["cpu_seconds"].append(cpu)
                results[key]["rss_kib"].append(rss)
                print(f"e2e: round {r + 1}/{args.rounds} {label}: {seconds:.2f} s ({cpu:.2f} s CPU), "
                      f"{size / max(seconds, 1e-9) / 1e6:.1f} MB/s, {rss / 1024:.0f} MiB", flush=True)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)

    for res in results.values():
        res["median_s"] = statistics.median(res["seconds"])
        res["median_cpu_s"] = statistics.median(res["cpu_seconds"])
        res["cpu_mb_per_s"] = size / max(res["median_cpu_s"], 1e-9) / 1e6
        res["mb_per_s"] = size / max(res["median_s"], 1e-9) / 1e6
        res["peak_rss_mib"] = max(res["rss_kib"]) / 1024
    r_mbps = results["roofline"]["mb_per_s"]
    for res in results.values():
        res["ratio_to_r"] = res["mb_per_s"] / r_mbps
    if "j1" in results and "j2" in results:
        speedup = results["j1"]["median_s"] / results["j2"]["median_s"]
    else:
        speedup = None

    print()
    print(f"Input: standard corpus, {args.size} ({size} bytes), JSONL; medians of {args.rounds} rounds; "
          f"build {build_info['build_type']} `{build_info['cxx_flags']}` native={build_info['native']}, "
          f"commit {build_info['commit']}; {build_info['machine']}.")
    print()
    r_cpu = results["roofline"]["cpu_mb_per_s"]
    print("| command | median wall s | MB/s | ratio to R | median CPU s | MB/s of CPU time | ratio to R (CPU) | peak RSS MiB | RSS / input |")
    print("|---|---|---|---|---|---|---|---|---|")
    for res in results.values():
        res["cpu_ratio_to_r"] = res["cpu_mb_per_s"] / r_cpu
        print(f"| {res['label']} | {res['median_s']:.2f} | {res['mb_per_s']:.1f} | "
              f"{res['ratio_to_r']:.3f} | {res['median_cpu_s']:.2f} | {res['cpu_mb_per_s']:.1f} | "
              f"{res['cpu_ratio_to_r']:.3f} | {res['peak_rss_mib']:.0f} | "
              f"{res['peak_rss_mib'] * (1 << 20) / size:.2f} |")
    if speedup is not None:
        print()
        print(f"-j 2 / -j 1 throughput: {speedup:.2f}")
    for line in roofline_out.splitlines():
        print(f"roofline: {line}")

    summary = {
        "schema": 1,
        "corpus": os.path.relpath(corpus, ROOT),
        "corpus_size": args.size,
        "bytes": size,
        "rounds": args.rounds,
        "build": build_info,
        "roofline_mb_per_s": r_mbps,
        "j2_over_j1": speedup,
        "roofline_output": roofline_out.splitlines(),
        "results": {k: {kk: vv for kk, vv in v.items() if kk != "cmd"} | {"cmd": " ".join(
            os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in v["cmd"])}
            for k, v in results.items()},
    }
    json_path = args.json or os.path.join(ROOT, "build", "bench-e2e", f"summary-{args.size}.json")
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    with open(json_path, "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(f"e2e: summary written to {os.path.relpath(json_path, ROOT) if json_path.startswith(ROOT) else json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
