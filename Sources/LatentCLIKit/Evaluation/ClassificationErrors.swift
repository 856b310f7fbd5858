import LatentData
import LatentModels

/// How many of `data`'s images the argmax of `classifier`'s logits puts in another class than their label,
/// out of how many; throws when the data has no labels.
func classificationErrors(_ classifier: Representation, data: DataLoader) throws -> (errors: Int, count: Int) {
    var errors = 0, count = 0
    for batch in data.epoch(0) {
        guard batch.labels.count == batch.inputs.shape[0] else {
            throw CommandFailure("the data set has no class labels to measure a classifier's error against")
        }
        let predicted = classifier(batch.inputs).argmax(axis: 1).values.map { Int($0) }
        errors += zip(predicted, batch.labels).filter { $0 != $1 }.count
        count += batch.labels.count
    }
    return (errors, count)
}
