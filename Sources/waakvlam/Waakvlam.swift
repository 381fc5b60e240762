import WaakvlamCLI

/// The `waakvlam` binary. Thin on purpose: everything lives in the modules, where tests reach it.
@main
enum Waakvlam {
    static func main() async {
        await WaakvlamCommand.main()
    }
}
