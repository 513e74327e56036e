import CLBDomain
import LBDomainKit

/// The plugin's one C entry point: every spec file the host offers becomes
/// a domain, or is answered with one line naming the file, line and field.
@_cdecl("lb_domain_register")
public func lb_domain_register(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
    guard let registrar else { return LB_STATUS_FAILED }
    guard registrar.pointee.abi_version == LB_DOMAIN_ABI_VERSION else { return LB_STATUS_ABI_MISMATCH }
    guard let files = registrar.pointee.spec_files, let answer = registrar.pointee.add_spec_domain else { return LB_STATUS_OK }
    var status = LB_STATUS_OK
    for index in 0..<Int(registrar.pointee.spec_file_count) {
        let path = String(cString: files[index].path), text = String(cString: files[index].text)
        let accepted: Int32
        do {
            let declaration = try SpecDomain.declaration(path: path, text: text)
            accepted = answer(registrar, UInt32(index), DomainExport.descriptor(for: declaration), nil)
        } catch {
            accepted = "\(error)".withCString { answer(registrar, UInt32(index), nil, $0) }
        }
        if accepted != LB_STATUS_OK { status = LB_STATUS_FAILED }
    }
    return status
}
