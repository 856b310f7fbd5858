import LatentNN

extension Trainable {
    /// The first parameter, buffer or optimizer state holding NaN or infinity, as `part/key` (such as
    /// `generator/1.running_var` or `generator_optimizer/0.weight.exp_avg_sq`), or nil when every value is finite.
    public func firstNonFiniteState() -> String? {
        for (name, part) in checkpointParts.sorted(by: { $0.key < $1.key }) {
            let tensors: [(String, Tensor)]
            switch part {
            case .module(let module):
                tensors = module.stateDict()
            case .optimizer(let optimizer, _):
                tensors = optimizer.stateDict().sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            if let key = tensors.first(where: { !$0.1.withValues { $0.allSatisfy(\.isFinite) } })?.0 {
                return name + "/" + key
            }
        }
        return nil
    }
}
