/// `--delivery-mode`, as Lakebench's newer Job means it: how a file reaches
/// S3. `batch` uploads a finished file with one PUT; `continuous` streams it
/// as a multipart upload (5 MiB parts) while it is generated.
public enum DeliveryMode: String, Sendable, CaseIterable {
    case batch, continuous
}
