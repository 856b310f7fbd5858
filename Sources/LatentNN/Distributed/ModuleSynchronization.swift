import LatentTensor

extension ProcessGroup {
    /// Overwrites every rank's copy of `tensors` with rank `root`'s, in one broadcast.
    public func broadcast(_ tensors: [Tensor], from root: Int = 0) {
        let total = tensors.reduce(0) { $0 + $1.count }
        guard total > 0 else { return }
        var values = [Float](repeating: 0, count: total)
        var offset = 0
        if rank == root {
            for tensor in tensors {
                tensor.withValues { for i in 0..<$0.count { values[offset + i] = $0[i] } }
                offset += tensor.count
            }
        }
        values.withUnsafeMutableBytes { broadcast($0, from: root) }
        offset = 0
        for tensor in tensors {
            tensor.withMutableValues { for i in 0..<$0.count { $0[i] = values[offset + i] } }
            offset += tensor.count
        }
    }

    /// Whether every rank's `digest` equals rank 0's; every rank gets the same answer.
    public func agree(on digest: UInt64) -> Bool {
        var first = digest
        withUnsafeMutableBytes(of: &first) { broadcast($0) }
        let differs = combine([first == digest ? 0 : 1], maximum: true)
        return differs[0] == 0
    }
}

extension Module {
    /// A 64-bit digest (FNV-1a) of the bits of every parameter and buffer, in the state dict's order: equal
    /// on ranks whose modules hold the same values.
    public func stateDigest(startingFrom seed: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var hash = seed
        for (_, tensor) in stateDict() {
            tensor.withValues { values in
                for value in values {
                    hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01B3
                }
            }
        }
        return hash
    }
}
