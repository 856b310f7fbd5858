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

/// How many attributes of `data`'s images the signs of `classifier`'s attribute logits get wrong (an attribute is
/// predicted present where its logit is positive), against `attributes`, the data set's; out of how many
/// (images × attributes), with the wrong ones of each attribute. Throws when the logits and attributes disagree
/// in number.
func attributeErrors(
    _ classifier: Representation, data: DataLoader, attributes: ImageAttributes
) throws -> (errors: Int, count: Int, perAttribute: [Int]) {
    let width = attributes.names.count
    var perAttribute = [Int](repeating: 0, count: width), count = 0
    for batch in data.epoch(0) {
        let logits = classifier(batch.inputs)
        guard logits.shape == [batch.indices.count, width] else {
            throw CommandFailure("the run predicts \(logits.shape.last ?? 0) attributes, the data set has \(width)")
        }
        let values = logits.values
        for (row, index) in batch.indices.enumerated() {
            for (column, truth) in attributes.row(index).enumerated() where (values[row * width + column] > 0) != (truth == 1) {
                perAttribute[column] += 1
            }
        }
        count += batch.indices.count * width
    }
    return (perAttribute.reduce(0, +), count, perAttribute)
}
