import Foundation
import LatentData
import LatentReport
import LatentTensor

/// Run directories written as `latent train` writes them, for report tests.
enum SyntheticRun {
    /// A GAN run of 3 epochs of 10 steps: config, run.json, step and evaluation lines (one loss logged as null),
    /// a resume at step 20, a last line cut short, sample grids after epochs 1 and 3, and D histograms after
    /// epoch 3. Returns the bytes of each sample grid, by epoch.
    @discardableResult
    static func writeGAN(to run: URL, configExtra: String = "") throws -> [Int: Data] {
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try write("""
            model: dcgan-mnist
            dataset: mnist
            epochs: 3
            steps: null
            batch_size: 64
            seed: 7
            threads: 1
            checkpoint_every_steps: 500
            keep_checkpoints: 3
            learning_rates:
              discriminator: 0.0002
              generator: 0.0002
            \(configExtra)
            """, to: run, "config.yaml")
        try write("""
            {"model":"dcgan-mnist","dataset":"mnist","status":"finished","started":"2026-12-05T10:00:00Z",
             "finished":"2026-12-05T11:02:03Z","seconds":3723,"steps":30,"epochs":3,"message":null}
            """, to: run, "run.json")
        var lines: [String] = []
        for step in 1...30 {
            let epoch = (step - 1) / 10 + 1
            let lossD = step == 5 ? "null" : "\(1.4 - Double(step) * 0.01)"
            lines.append("{\"step\":\(step),\"epoch\":\(epoch),\"loss_d\":\(lossD),\"loss_g\":\(0.7 + Double(step) * 0.02),"
                         + "\"d_real\":0.6,\"d_fake\":0.4,\"d_accuracy_real\":1,\"d_accuracy_fake\":0.75,"
                         + "\"lr_discriminator\":0.0002,\"lr_generator\":0.0002,\"images_per_second\":640}")
            if step == 20 { lines.append("{\"step\":20,\"event\":\"resumed\"}") }
            if step % 10 == 0 {
                let fid = [80.25, 40.5, 55.75][epoch - 1]
                lines.append("{\"step\":\(step),\"epoch\":\(epoch),\"eval_fid\":\(fid),\"eval_kid\":0.05,"
                             + "\"eval_kid_std\":0.01,\"eval_is\":\(Double(epoch) + 1.5),\"eval_precision\":0.5,"
                             + "\"eval_recall\":0.25}")
            }
        }
        try write(lines.joined(separator: "\n") + "\n{\"step\":31,\"epoch\":4,\"loss_d\":0.", to: run, "metrics.jsonl")
        var grids: [Int: Data] = [:]
        for epoch in [1, 3] {
            let images = Tensor((0..<(4 * 3 * 8 * 8)).map { Float(($0 * epoch) % 97) / 96 }, shape: [4, 3, 8, 8])
            let path = run.appendingPathComponent("samples/epoch-\(String(format: "%04d", epoch)).png")
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ImageGrid.save(images: images, to: path.path, columns: 2)
            grids[epoch] = try Data(contentsOf: path)
        }
        try write("""
            {"epoch":3,"d_real":{"edges":[0,0.25,0.5,0.75,1],"counts":[0,1,5,10]},
             "d_fake":{"edges":[0,0.25,0.5,0.75,1],"counts":[9,5,2,0]}}
            """, to: run, "histograms/epoch-0003.json")
        return grids
    }

    /// A VAE run without run.json or samples: 20 steps of `loss` and two test evaluations.
    static func writeVAE(to run: URL) throws {
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try write("model: vae-mnist\ndataset: mnist\nepochs: 2\nbatch_size: 100\n", to: run, "config.yaml")
        var lines = (1...20).map { "{\"step\":\($0),\"epoch\":\(($0 - 1) / 10 + 1),\"loss\":\(200 - Double($0)),"
            + "\"lr_model\":0.001,\"images_per_second\":50}" }
        lines += ["{\"step\":10,\"epoch\":1,\"test_loss\":130.5}", "{\"step\":20,\"epoch\":2,\"test_loss\":140.25}"]
        try write(lines.joined(separator: "\n") + "\n", to: run, "metrics.jsonl")
    }

    /// Writes `text` to `run/name`, making its folder.
    static func write(_ text: String, to run: URL, _ name: String) throws {
        let url = run.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
