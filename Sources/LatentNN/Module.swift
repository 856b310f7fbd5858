public enum LatentNNVersion { public static let name = "LatentNN" }
