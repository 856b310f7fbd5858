#!/usr/bin/env bash
# Two "machines" on one: two network namespaces joined by a veth pair, one data-parallel rank in each, mpirun
# over TCP between them; then the same training as two ranks on one host, and the checkpoints must be identical.
#
#   sudo Scripts/mpi_two_namespaces.sh [LATENT] [TRAIN ARGUMENTS…]
#
# LATENT is the latent executable (default .build/debug/latent); the training defaults to 20 steps of gan with a
# global batch of 64. Needs root (ip netns, veth), iproute2 and Open MPI. mpirun starts the rank in the second
# namespace through `ip netns exec` in place of ssh (plm_rsh_agent), and both TCP transports (Open MPI's own
# out-of-band channel and the byte transfer layer) are held to the veth subnet.
set -euo pipefail
cd "$(dirname "$0")/.."
latent="$(realpath "${1:-.build/debug/latent}")"
shift || true
train=("$@")
if [ ${#train[@]} -eq 0 ]; then
    train=(train gan --steps 20 --batch-size 64 --threads 1 --seed 3 --data-dir "$(pwd)/Data/mnist")
fi
[ "$(id -u)" = 0 ] || { echo "$0: needs root (ip netns add, veth)" >&2; exit 1; }
[ -x "$latent" ] || { echo "$0: $latent is not an executable; build it (swift build --product latent)" >&2; exit 1; }

first=latent-mpi-a second=latent-mpi-b subnet=10.213.0
work="$(mktemp -d)"
cleanup() {
    ip netns del "$first" 2>/dev/null || true
    ip netns del "$second" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$first"
ip netns add "$second"
ip link add latent-veth-a netns "$first" type veth peer name latent-veth-b netns "$second"
ip -n "$first" addr add "$subnet.1/24" dev latent-veth-a
ip -n "$second" addr add "$subnet.2/24" dev latent-veth-b
for namespace in "$first" "$second"; do
    ip -n "$namespace" link set lo up
done
ip -n "$first" link set latent-veth-a up
ip -n "$second" link set latent-veth-b up

# mpirun calls the agent as `AGENT HOST COMMAND…`, as it would ssh: run the command in the host's namespace.
cat >"$work/netns-agent" <<AGENT
#!/bin/sh
host="\$1"; shift
case "\$host" in
    $subnet.1) namespace=$first ;;
    $subnet.2) namespace=$second ;;
    *) echo "netns-agent: unknown host \$host" >&2; exit 1 ;;
esac
exec ip netns exec "\$namespace" /bin/sh -c "\$*"
AGENT
chmod +x "$work/netns-agent"
printf '%s slots=1\n%s slots=1\n' "$subnet.1" "$subnet.2" >"$work/hosts"

across=(mpirun -np 2 --allow-run-as-root --hostfile "$work/hosts" --map-by node
    --mca plm_rsh_agent "$work/netns-agent" --mca btl tcp,self
    --mca btl_tcp_if_include "$subnet.0/24" --mca oob_tcp_if_include "$subnet.0/24")
echo "== where the two ranks run"
ip netns exec "$first" "${across[@]}" --tag-output ip netns identify | sort | tee "$work/where.log"
grep -q "$first" "$work/where.log" && grep -q "$second" "$work/where.log" || { echo "the ranks did not run one in each namespace" >&2; exit 1; }

echo "== two ranks in two namespaces, over TCP on the veth pair"
ip netns exec "$first" "${across[@]}" "$latent" "${train[@]}" --distributed --out "$work/namespaces" \
    > "$work/namespaces.log" 2>&1 || { cat "$work/namespaces.log"; exit 1; }
grep -q "Data-parallel over 2 ranks" "$work/namespaces.log" || { cat "$work/namespaces.log"; exit 1; }

echo "== two ranks on one host"
mpirun -np 2 --oversubscribe --allow-run-as-root "$latent" "${train[@]}" --distributed --out "$work/host" \
    > "$work/host.log" 2>&1 || { cat "$work/host.log"; exit 1; }

status=0
for file in "$work/host/checkpoints/latest/"*.safetensors; do
    name="$(basename "$file")"
    if cmp -s "$file" "$work/namespaces/checkpoints/latest/$name"; then
        echo "identical: $name"
    else
        echo "DIFFERENT: $name"
        status=1
    fi
done
[ $status = 0 ] && echo "the run over two namespaces ended with the same checkpoint as the run on one host"
exit $status
