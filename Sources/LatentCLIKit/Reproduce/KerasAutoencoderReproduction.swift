import Foundation

/// The Keras blog's simplest autoencoder on MNIST (784 → 64 → 784, BCE, Adam, batch 256, 50 epochs):
/// the validation loss its published training log prints at epochs 5 and 8.
struct KerasAutoencoderReproduction: Reproduction {
    let name = "keras-autoencoder"
    let summary = "autoencoder 784-64-784 on MNIST, 50 epochs: validation BCE ≤ 0.0907 at epoch 5 and ≤ 0.0792 at epoch 8 (Keras log)"
    let epochs: Int? = 50

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let run = try context.train("autoencoder", epochs: context.epochs)
        let epoch5 = try context.value("val_loss", epoch: 5, in: run)
        let epoch8 = try context.value("val_loss", epoch: 8, in: run)
        return ReproductionResult(
            name: name, main: .atMost("validation BCE per pixel at epoch 8", epoch8, 0.0792),
            others: [.atMost("validation BCE per pixel at epoch 5", epoch5, 0.0907)],
            source: "Keras, \"Building Autoencoders in Keras\" (F. Chollet, 2016): the training log of the same model",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }
}
