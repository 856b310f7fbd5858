import LatentData
import LatentModels
import LatentNN
import Testing

// pix2pix and cyclegan take the channels and size of their data: RGB 64×64 pairs, paired and unpaired, set
// input_nc, output_nc and crop_size, the models build for them, take a step and the loader accepts the data.

@Suite struct TranslationDataShapeTests {
    /// Two RGB 64×64 pairs side by side on the channel axis, unpaired when `unpaired`.
    private func pairs(unpaired: Bool) -> ImageDataset {
        ImageDataset(pixels: (0..<(2 * 6 * 64 * 64)).map { UInt8($0 % 251) }, labels: [0, 0], channels: 6, height: 64, width: 64,
                     domainBChannel: unpaired ? 3 : nil)
    }

    @Test(arguments: [("pix2pix", ["ngf": "2", "ndf": "2"]), ("cyclegan", ["ngf": "2", "ndf": "2", "n_blocks": "1"])])
    func rgbPairsOf64PixelsSetTheShapeAndTrain(model: String, options: [String: String]) throws {
        let entry = try ModelCatalog.entry(named: model)
        let data = pairs(unpaired: model == "cyclegan")
        var configuration = RunConfiguration(model: model, dataset: "paired", epochs: 1, batchSize: 2, seed: 1, learningRates: [:],
                                             options: options)
        configuration = try entry.adoptingDataShape(of: data, configuration: configuration)
        #expect(configuration.options["input_nc"] == "3" && configuration.options["output_nc"] == "3")
        #expect(configuration.options["crop_size"] == "64")
        #expect(try entry.sampleShape(for: configuration) == [6, 64, 64])
        let loader = try entry.trainingLoader(data, configuration: configuration)
        let batch = loader.batch(epoch: 0, index: 0)
        var noise = RandomGenerator(seed: 3)
        let outcome = try entry.makeModel(configuration).step(real: batch.inputs, labels: batch.labels, generator: &noise)
        #expect(outcome.losses.values.allSatisfy { $0.isFinite })
        // A size given explicitly wins over the data's, and the loader then refuses data of another shape.
        configuration.options["crop_size"] = "32"
        let kept = try entry.adoptingDataShape(of: data, configuration: configuration)
        #expect(kept.options["crop_size"] == "32")
        #expect(throws: TrainingError.self) { _ = try entry.trainingLoader(data, configuration: kept) }
    }

    @Test func shapesTheNetworksCannotTakeAreRefused() throws {
        let pix2pix = try ModelCatalog.entry(named: "pix2pix")
        let base = RunConfiguration(model: "pix2pix", dataset: "paired", epochs: 1, batchSize: 1, seed: 1, learningRates: [:])
        var configuration = base
        configuration.options["crop_size"] = "48"
        expectTrainingError(containing: "crop_size 48 must be a power of 2 from 32") { _ = try pix2pix.makeModel(configuration) }
        let oblong = ImageDataset(pixels: [UInt8](repeating: 0, count: 2 * 32 * 64), labels: [0], channels: 2, height: 32, width: 64)
        expectTrainingError(containing: "square images") { _ = try pix2pix.adoptingDataShape(of: oblong, configuration: base) }
        let odd = ImageDataset(pixels: [UInt8](repeating: 0, count: 5 * 32 * 32), labels: [0], channels: 5, height: 32, width: 32)
        expectTrainingError(containing: "5 channels per pair") { _ = try pix2pix.adoptingDataShape(of: odd, configuration: base) }
        let cyclegan = try ModelCatalog.entry(named: "cyclegan")
        configuration = RunConfiguration(model: "cyclegan", dataset: "unpaired", epochs: 1, batchSize: 1, seed: 1, learningRates: [:],
                                         options: ["input_nc": "1", "output_nc": "3"])
        expectTrainingError(containing: "set lambda_identity=0") { _ = try cyclegan.makeModel(configuration) }
        configuration.options["lambda_identity"] = "0"
        configuration.options["ngf"] = "2"
        configuration.options["n_blocks"] = "0"
        _ = try cyclegan.makeModel(configuration)
    }

    @Test func translationsNameTheShapesTheyRead() throws {
        func model(_ name: String, _ options: [String: String]) throws -> any Translating {
            let configuration = RunConfiguration(model: name, dataset: "paired", epochs: 1, batchSize: 1, seed: 1, learningRates: [:],
                                                 options: options)
            return try #require(try ModelCatalog.entry(named: name).makeModel(configuration) as? any Translating)
        }
        // Grey to RGB at 32 px: the forward way reads the grey images, CycleGAN's way back the RGB ones.
        let cyclegan = try model("cyclegan", ["input_nc": "1", "output_nc": "3", "crop_size": "32", "lambda_identity": "0",
                                              "ngf": "2", "ndf": "2", "n_blocks": "0"])
        #expect(cyclegan.sourceShape(inverse: false) == [1, 32, 32] && cyclegan.sourceShape(inverse: true) == [3, 32, 32])
        let back = try #require(cyclegan.translate(Tensor.zeros([2, 3, 32, 32]), inverse: true))
        #expect(back.shape == [2, 1, 32, 32])
        let pix2pix = try model("pix2pix", ["input_nc": "3", "output_nc": "1", "crop_size": "32", "ngf": "2", "ndf": "2"])
        #expect(pix2pix.sourceShape(inverse: false) == [3, 32, 32] && pix2pix.sourceShape(inverse: true) == nil,
                "pix2pix learns one direction")
        let dcgan = try ModelCatalog.entry(named: "dcgan").makeModel(
            RunConfiguration(model: "dcgan", dataset: "mnist", epochs: 1, batchSize: 1, seed: 1, learningRates: [:]))
        #expect((dcgan as? any Translating)?.sourceShape(inverse: false) == nil, "a GAN from noise translates nothing")
    }

    /// Expects `body` to throw a `TrainingError` whose description contains `text`.
    private func expectTrainingError(containing text: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error containing \"\(text)\"")
        } catch {
            #expect("\(error)".contains(text), "\(error)")
        }
    }
}
