import LatentNN

/// `body` with `module` in evaluation mode and without gradient history; its mode is restored afterwards.
/// Representations built before their game exists use it for the one network they run.
func evaluating<Result>(_ module: Module, _ body: () -> Result) -> Result {
    let wasTraining = module.training
    _ = module.eval()
    defer { _ = module.train(wasTraining) }
    return withoutGrad(body)
}
