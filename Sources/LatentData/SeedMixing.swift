/// A seed derived from several numbers (a base seed, a stream tag, an epoch, a batch), so that each
/// random decision depends only on where it is made and never on what was drawn before it.
func derivedSeed(_ parts: UInt64...) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3
    for part in parts {
        // splitmix64's finaliser spreads every bit of the part over the whole word.
        var z = hash &+ part &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        hash = z ^ (z >> 31)
    }
    return hash
}
