import CLBDomain

/// The program's version, written into every file's `created_by`.
public enum Version {
    public static let current = "0.1.0"
    public static let createdBy = "lb-datagen version \(current)"
    /// The plugin ABI this host speaks (`LB_DOMAIN_ABI_VERSION`): a plugin loads only if it was built for it.
    public static let abi = Int(LB_DOMAIN_ABI_VERSION)
    /// The Swift release the host was compiled with; a Swift plugin must use the same runtime.
    public static let swift: String = {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3.2)
        return "6.3.2"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
        #elseif compiler(>=6.3)
        return "6.3"
        #else
        return "before 6.3"
        #endif
    }()
    /// What `lb-datagen --version` prints.
    public static let description = "lb-datagen \(current)\nplugin ABI \(abi)\nSwift \(swift)"
}
