/// `--mode`. Every mode makes every planned file of this node; with a
/// duration, `continuous` then keeps making new files until the time is up
/// (Lakebench's sustained mode). `sequential` and `all` are other names the
/// reference and Lakebench's newer Job use for a batch run.
public enum RunMode: String, Sendable, CaseIterable {
    case batch, sequential, continuous, all
}
