import LatentModels
import LatentNN

/// The pictures of a style-based generator (StyleGAN, Karras et al. 2019): samples with truncated styles,
/// the style-mixing grid of the paper's Figure 3 and noise-resampling rows. Every image is generated in
/// evaluation mode without history, `batchSize` at a time.
enum StyleGrids {
    /// The styles a source gives a destination in a style-mixing grid, by the resolution of the layers.
    enum Band: String, CaseIterable {
        /// The layers at 4×4 and 8×8: pose, shape, stroke layout.
        case coarse
        /// The layers at 16×16.
        case middle
        /// The layers from 32×32 on: stroke texture.
        case fine

        /// Whether a layer at `side`×`side` belongs to the band.
        func contains(side: Int) -> Bool {
            switch self {
            case .coarse: side <= 8
            case .middle: side == 16
            case .fine: side >= 32
            }
        }
    }

    static let batchSize = 256

    /// The images for latents `z` with styles truncated by `psi`, noise from `random`.
    static func truncated(_ model: any StyleSampling, z: Tensor, psi: Float, random: inout RandomGenerator) -> Tensor {
        batched(z) { part in
            let w = model.styles(part, truncation: psi)
            return model.synthesize(Array(repeating: w, count: model.styleCount), random: &random)
        }
    }

    /// Figure 3's grid for latents `z` (`[n, latentSize]`): a blank corner, the n sources along the top, then a row
    /// per destination (the same n latents) starting with the destination itself, whose cell under source j
    /// takes the styles of `band`'s layers from source j and the rest from the destination; `(n + 1)²` images.
    /// Every cell shares one draw of the noise maps, so that only the styles differ.
    static func mixing(_ model: any StyleSampling, z: Tensor, band: Band, psi: Float, random: inout RandomGenerator) -> Tensor {
        withoutGrad { mixingRows(model, z: z, band: band, psi: psi, noiseSeed: random.nextUInt64()) }
    }

    private static func mixingRows(_ model: any StyleSampling, z: Tensor, band: Band, psi: Float, noiseSeed: UInt64) -> Tensor {
        let count = z.shape[0]
        let w = model.styles(z, truncation: psi)
        let fromSource = model.styleSides.map { band.contains(side: $0) }
        func render(_ perLayer: [Tensor]) -> Tensor {
            var noise = RandomGenerator(seed: noiseSeed)
            return model.synthesize(perLayer, random: &noise)
        }
        let plain = render(Array(repeating: w, count: model.styleCount))
        let blank = Tensor.full([1] + Array(plain.shape.dropFirst()), -1)
        var rows = [blank, plain]
        for destination in 0..<count {
            let own = w.slice(axis: 0, range: destination..<(destination + 1)).expand(to: w.shape)
            let mixed = render(fromSource.map { $0 ? w : own })
            rows += [plain.slice(axis: 0, range: destination..<(destination + 1)), mixed]
        }
        return Tensor.concatenated(rows)
    }

    /// A row per latent of `z`, `columns` images each with the same styles (truncated by `psi`) and fresh
    /// noise maps drawn from `random`: what the noise inputs change.
    static func noiseResampling(_ model: any StyleSampling, z: Tensor, columns: Int, psi: Float, random: inout RandomGenerator) -> Tensor {
        let w = withoutGrad { model.styles(z, truncation: psi) }
        let repeated = Tensor.concatenated((0..<z.shape[0]).map { row in
            w.slice(axis: 0, range: row..<(row + 1)).expand(to: [columns, w.shape[1]])
        })
        return batched(repeated) { part in model.synthesize(Array(repeating: part, count: model.styleCount), random: &random) }
    }

    /// `body` on `batchSize` rows of `input` at a time, without history, the results concatenated.
    private static func batched(_ input: Tensor, _ body: (Tensor) -> Tensor) -> Tensor {
        withoutGrad {
            let count = input.shape[0]
            guard count > batchSize else { return body(input) }
            return Tensor.concatenated(stride(from: 0, to: count, by: batchSize).map { start in
                body(input.slice(axis: 0, range: start..<Swift.min(start + batchSize, count)))
            })
        }
    }
}
