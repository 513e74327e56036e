import CLBDomain
import LBDomainKit

/// The plugin's one C entry point.
@_cdecl("lb_domain_register")
public func lb_domain_register(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
    DomainExport.register([Customer360.self], with: registrar)
}
