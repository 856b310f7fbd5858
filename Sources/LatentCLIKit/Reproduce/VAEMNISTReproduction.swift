import Foundation

/// The VAE of pytorch/examples on MNIST (784-400-20, Adam 1e-3, batch 128): its test loss after epoch 7.
struct VAEMNISTReproduction: Reproduction {
    let name = "vae-mnist"
    let summary = "VAE 784-400-20 on MNIST: test negative ELBO ≤ 106.7 nats per image at epoch 7 (pytorch/examples logs 106.66)"
    let epochs: Int? = 7

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let run = try context.train("vae", epochs: context.epochs)
        let loss = try context.value("val_loss", epoch: 7, in: run)
        return ReproductionResult(
            name: name, main: .atMost("test negative ELBO per image at epoch 7", loss, 106.7),
            source: "pytorch/examples vae/main.py, the test set loss it logs after epoch 7 (106.66)",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }
}
