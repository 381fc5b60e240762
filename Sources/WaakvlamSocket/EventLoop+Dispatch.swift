import Dispatch

extension EventLoop {
    /// Parses and checks one request line; answers errors at once, and hands the request to the
    /// handler queue (the connection is busy until the response comes back).
    func handleLine(_ connection: Connection, _ raw: ArraySlice<UInt8>) {
        var line = raw
        if line.last == 13 { line = line.dropLast() }
        if line.count > server.maxLineBytes {
            enqueue(connection, SocketServer.errorLine(overLongMessage, id: nil))
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        guard let request = parseRequest(connection, line) else { return }
        if request.operation == .subscribe {
            subscribe(connection, request)
            return
        }
        connection.busy = true
        let serial = connection.serial
        let peer = connection.peer
        let handler = server.handler
        let shared = self.shared
        handlerQueue.async {
            let line: [UInt8]
            do {
                let fields = try handler.handle(request, peer: peer)
                line = SocketServer.responseLine(ok: true, id: request.id, fields: fields)
            } catch {
                line = SocketServer.errorLine(for: error, id: request.id)
            }
            shared.post(.response(connection: serial, line: line))
        }
    }

    /// The request, or nil when the line is not one this peer may make (the error is already queued).
    func parseRequest(_ connection: Connection, _ line: ArraySlice<UInt8>) -> SocketRequest? {
        switch SocketRequest.parse(line, peer: connection.peer, access: server.access) {
        case .success(let request):
            return request
        case .failure(let rejection):
            enqueue(connection, SocketServer.errorLine(rejection.message, id: rejection.id))
            return nil
        }
    }
}
