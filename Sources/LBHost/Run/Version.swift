/// The program's version, written into every file's `created_by`.
public enum Version {
    public static let current = "0.1.0"
    public static let createdBy = "lb-datagen version \(current)"
}
