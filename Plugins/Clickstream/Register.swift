import CLBDomain
import LBDomainKit

/// The plugin's one C entry point.
@_cdecl("lb_domain_register")
public func lbDomainRegister(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
    DomainExport.register([ClickstreamDomain.self], with: registrar)
}
