import Dispatch

extension EventLoop {
    /// Applies an event posted by a handler thread or a publisher.
    func handle(_ event: LoopEvent) {
        switch event {
        case .stop:
            stopping = true
        case .response(let serial, let line):
            guard let connection = connections[serial], !connection.closed else { return }
            connection.busy = false
            // Idleness counts from the answer, not from the request that took long.
            connection.lastActivity = DispatchTime.now().uptimeNanoseconds
            guard enqueue(connection, line) else { return }
            processInput(connection)
        case .backlog(let serial, let requestID, let first, let page):
            guard let connection = connections[serial], !connection.closed, connection.catchingUp else { return }
            handleBacklog(connection, requestID: requestID, first: first, page: page)
        case .publish(let id, let line):
            publish(id: id, line: line)
        }
    }

    func publish(id: Int64, line: [UInt8]) {
        for connection in Array(connections.values) where !connection.closed && id > connection.lastSent {
            if connection.catchingUp {
                guard !connection.liveOverflowed else { continue }
                if connection.liveBufferBytes + line.count > server.maxPendingBytes {
                    connection.liveOverflowed = true
                    connection.liveBuffer = []
                    connection.liveBufferBytes = 0
                } else {
                    connection.liveBuffer.append(BacklogNotice(id: id, line: line))
                    connection.liveBufferBytes += line.count
                }
            } else if connection.subscribed {
                if enqueue(connection, line) { connection.lastSent = id }
            }
        }
    }
}
