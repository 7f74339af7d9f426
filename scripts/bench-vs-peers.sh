#!/usr/bin/env bash
# Fovea against its peers, interleaved in one sitting: for each configuration (model/batch), runs
# `./fovea bench` and then each available peer with the same protocol, and prints a markdown table of
# training and inference images/s with the Fovea/peer ratios, plus machine, JDK and date.
#
#   scripts/bench-vs-peers.sh                 # A/32 A/128 B/64 C/128, all peers found
#   scripts/bench-vs-peers.sh A/32            # only some configurations
#   PEERS_DIR=/path/to/shared/bench scripts/bench-vs-peers.sh
#
# Environment: PEERS_DIR (default: ../shared/bench next to the repository), FOVEA_BENCH_ARGS (extra
# arguments for `fovea bench`, e.g. "--seconds 10 --infer-seconds 5"), PEER_ARGS (extra arguments for the
# peers, same meaning), THREADS (default 2, as the peers). Raw JSON lines go to $OUT_DIR (default a new
# directory under /tmp). Peers: PyTorch from Debian (/usr/bin/python3), and only when their virtualenvs
# exist (../shared/bench/setup_peers.sh): Keras/TensorFlow with oneDNN on, and the newer PyTorch wheel.
set -euo pipefail

fail() { echo "bench-vs-peers: error: $*" >&2; exit 1; }
note() { echo "bench-vs-peers: $*" >&2; }

script=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$script")/.." && pwd -P)
peers=${PEERS_DIR:-$repo/../shared/bench}
[[ -d $peers && -f $peers/pytorch_peer.py ]] \
  || fail "peer scripts not found in $peers (expected pytorch_peer.py there); set PEERS_DIR to the shared/bench directory"
peers=$(cd "$peers" && pwd -P)
py=/usr/bin/python3
[[ -x $py ]] || fail "$py is needed (it runs the PyTorch peer and reads the JSON results)"
threads=${THREADS:-2}
out_dir=${OUT_DIR:-$(mktemp -d /tmp/fovea-bench-vs-peers.XXXXXX)}
mkdir -p "$out_dir"
read -r -a fovea_args <<< "${FOVEA_BENCH_ARGS:-}"
read -r -a peer_args <<< "${PEER_ARGS:-}"

configs=("$@")
(( ${#configs[@]} )) || configs=(A/32 A/128 B/64 C/128)
for c in "${configs[@]}"; do
  [[ $c =~ ^[ABC]/[0-9]+$ ]] || fail "configuration '$c' is not MODEL/BATCH with MODEL A, B or C (e.g. A/32)"
done

# Peers: name, command prefix (before "throughput --model X --batch N").
peer_names=("PyTorch (Debian)")
peer_cmds=("$py $peers/pytorch_peer.py")
venvs=${FOVEA_PEERS_CACHE:-$HOME/.cache/fovea-peers}
if [[ -x $venvs/torch/bin/python ]]; then
  peer_names+=("PyTorch (wheel)"); peer_cmds+=("$venvs/torch/bin/python $peers/pytorch_peer.py")
else
  note "skipping the PyTorch wheel: no $venvs/torch/bin/python (run $peers/setup_peers.sh to create it)"
fi
if [[ -x $venvs/tf/bin/python && -f $peers/keras_peer.py ]]; then
  peer_names+=("Keras/TF oneDNN"); peer_cmds+=("env TF_ENABLE_ONEDNN_OPTS=1 $venvs/tf/bin/python $peers/keras_peer.py")
else
  note "skipping Keras/TensorFlow: no $venvs/tf/bin/python (run $peers/setup_peers.sh to create it)"
fi

# Build Fovea first, so that no build lands inside a measurement.
"$repo/fovea" --version >/dev/null || fail "./fovea does not run"

# run_one FILE CMD...: runs a benchmark, keeps its last JSON line in FILE (empty on failure).
run_one() {
  local file=$1; shift
  note "running: $*"
  if ! "$@" > "$file.raw" 2> "$file.err"; then
    note "failed (exit $?): $* -- see $file.err"
  fi
  grep '^{' "$file.raw" | tail -n 1 > "$file" || true
}

for c in "${configs[@]}"; do
  model=${c%/*}; batch=${c#*/}
  run_one "$out_dir/$model-$batch.fovea.json" "$repo/fovea" bench --model "$model" --batch-size "$batch" \
    --threads "$threads" ${fovea_args[@]+"${fovea_args[@]}"}
  for i in "${!peer_names[@]}"; do
    read -r -a cmd <<< "${peer_cmds[$i]}"
    run_one "$out_dir/$model-$batch.peer$i.json" "${cmd[@]}" throughput --model "$model" --batch "$batch" \
      --threads "$threads" ${peer_args[@]+"${peer_args[@]}"}
  done
done

machine=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
jdk=$( (grep -ho '"jdk": *"[^"]*"' "$out_dir"/*.fovea.json 2>/dev/null || true) | head -n 1 | cut -d'"' -f4)
# The table, from the JSON files, by Debian's python3 (present on every fresh Debian).
"$py" - "$out_dir" "$threads" "${machine:-unknown} ($(nproc) CPUs)" "${jdk:-unknown}" "${configs[@]}" -- "${peer_names[@]}" <<'PY'
import json, os, sys, datetime
out_dir, threads, machine, jdk = sys.argv[1:5]
rest = sys.argv[5:]
sep = rest.index("--")
configs, peers = rest[:sep], rest[sep + 1:]

def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read() or "null")
    except (OSError, ValueError):
        return None

def num(x):
    return "–" if x is None else f"{x:,.0f}"

def ratio(a, b):
    return "–" if a is None or not b else f"{a / b:.2f}"

print(f"Fovea vs peers, {datetime.datetime.now():%Y-%m-%d %H:%M}, {threads} threads")
print(f"Machine: {machine}; JDK: {jdk}")
fo0 = next((load(os.path.join(out_dir, f"{c.replace('/', '-')}.fovea.json")) for c in configs), None)
if fo0:
    print(f"Fovea GEMM: {fo0.get('gemm', '?')}")
print()
head = ["model", "batch", "Fovea train / infer"]
for p in peers:
    head += [f"{p} train / infer", f"Fovea/{p} train / infer"]
head.append("Fovea peak RSS MB")
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for c in configs:
    m, b = c.split("/")
    fo = load(os.path.join(out_dir, f"{m}-{b}.fovea.json")) or {}
    ft, fi = fo.get("train_img_s"), fo.get("infer_img_s")
    row = [m, b, f"{num(ft)} / {num(fi)}"]
    for i, _ in enumerate(peers):
        pe = load(os.path.join(out_dir, f"{m}-{b}.peer{i}.json")) or {}
        pt, pi = pe.get("train_img_s"), pe.get("infer_img_s")
        row += [f"{num(pt)} / {num(pi)}", f"{ratio(ft, pt)} / {ratio(fi, pi)}"]
    row.append(num(fo.get("peak_rss_mb")))
    print("| " + " | ".join(row) + " |")
print()
print(f"(images/s, clean 1-second chunks only; inference at batch 256; raw JSON in {out_dir})")
PY
