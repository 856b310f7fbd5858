import CLatentKernels
import Foundation
import LatentTensor
import Testing

/// `latent_normal_pairs` gives, bit for bit, the Box–Muller values computed with `sin` and `cos` apart (the
/// formula `RandomGenerator.fillNormal` used before the kernel asked the C library for both in one `sincos`).
@Suite struct NormalPairsTests {
    @Test func theKernelMatchesSineAndCosineApart() {
        let pairs = 1 << 20
        var generator = RandomGenerator(seed: 2026)
        let words = (0..<(2 * pairs)).map { _ in generator.nextUInt64() }
        var kernel = [Float](repeating: 0, count: 2 * pairs - 1)  // an odd count: the last pair keeps one value
        words.withUnsafeBufferPointer { w in
            kernel.withUnsafeMutableBufferPointer { out in
                latent_normal_pairs(w.baseAddress!, out.baseAddress!, 0, pairs, out.count, 0.5, 2)
            }
        }
        var differences = 0
        for pair in 0..<pairs {
            let u1 = Double((words[2 * pair] >> 11) + 1) * (1.0 / 9_007_199_254_740_992.0)
            let u2 = Double(words[2 * pair + 1] >> 11) * (1.0 / 9_007_199_254_740_992.0)
            let radius = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
            if kernel[2 * pair].bitPattern != (0.5 + 2 * Float(radius * cos(angle))).bitPattern { differences += 1 }
            if 2 * pair + 1 < kernel.count, kernel[2 * pair + 1].bitPattern != (0.5 + 2 * Float(radius * sin(angle))).bitPattern {
                differences += 1
            }
        }
        #expect(differences == 0)
    }
}
