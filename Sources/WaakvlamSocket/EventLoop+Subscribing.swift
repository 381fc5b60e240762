import Dispatch

extension EventLoop {
    /// Starts a subscription: live only without `after`, else the backlog first, in pages.
    func subscribe(_ connection: Connection, _ request: SocketRequest) {
        guard !connection.subscribed, !connection.catchingUp else {
            enqueue(connection, SocketServer.errorLine("already subscribed", id: request.id))
            return
        }
        switch request.body["after"] {
        case nil, .null?:
            connection.subscribed = true
            connection.lastSent = .min
            enqueue(connection, SocketServer.responseLine(ok: true, id: request.id, fields: [:]))
        case let after?:
            guard let after = after.int64Value else {
                enqueue(connection, SocketServer.errorLine("\"after\" must be an integer notice id", id: request.id))
                return
            }
            connection.busy = true
            connection.catchingUp = true
            connection.lastSent = after
            connection.subscribeRequestID = request.id
            fetchPage(connection, first: true)
        }
    }

    func handleBacklog(_ connection: Connection, requestID: JSONValue?, first: Bool, page: Result<[BacklogNotice], SocketRequestError>) {
        switch page {
        case .failure(let error):
            connection.catchingUp = false
            connection.liveBuffer = []
            connection.liveBufferBytes = 0
            if first {
                connection.busy = false
                connection.lastSent = .min
                guard enqueue(connection, SocketServer.errorLine("cannot read notices: \(error.message)", id: requestID)) else { return }
                processInput(connection)
            } else {
                // The client has had "ok" and part of the backlog: end the connection rather than skip notices.
                connection.subscribed = false
                connection.closing = true
                let message = "subscription ended: cannot read notices: \(error.message); reconnect with after = the last notice_id"
                guard enqueue(connection, SocketServer.errorLine(message, id: requestID)) else { return }
                finishIfDone(connection)
            }
        case .success(let notices):
            if first {
                connection.subscribed = true
                guard enqueue(connection, SocketServer.responseLine(ok: true, id: requestID, fields: [:])) else { return }
            }
            let before = connection.lastSent
            for notice in notices where notice.id > connection.lastSent {
                guard enqueue(connection, notice.line) else { return }
                connection.lastSent = notice.id
            }
            if notices.count >= server.backlogPageSize, connection.lastSent > before {
                requestNextPage(connection)
            } else if connection.liveOverflowed {
                connection.liveOverflowed = false
                requestNextPage(connection)
            } else {
                finishCatchingUp(connection)
            }
        }
    }

    /// The backlog is sent: the live notices held meanwhile go out, then the connection's next request.
    func finishCatchingUp(_ connection: Connection) {
        let live = connection.liveBuffer
        connection.liveBuffer = []
        connection.liveBufferBytes = 0
        connection.catchingUp = false
        connection.busy = false
        for notice in live where notice.id > connection.lastSent {
            guard enqueue(connection, notice.line) else { return }
            connection.lastSent = notice.id
        }
        processInput(connection)
    }

    func requestNextPage(_ connection: Connection) {
        if connection.pending <= server.maxPendingBytes / 2 {
            fetchPage(connection, first: false)
        } else {
            connection.pageWanted = true
        }
    }

    func fetchPage(_ connection: Connection, first: Bool) {
        let after = connection.lastSent
        let serial = connection.serial
        let requestID = connection.subscribeRequestID
        let limit = server.backlogPageSize
        let handler = server.handler
        let shared = self.shared
        handlerQueue.async {
            let page: Result<[BacklogNotice], SocketRequestError>
            do {
                let notices = try handler.notices(after: after, limit: limit)
                page = .success(notices.map { BacklogNotice(id: $0.id, line: SocketServer.noticeLine(id: $0.id, json: $0.line)) })
            } catch {
                page = .failure(SocketRequestError(SocketServer.message(of: error)))
            }
            shared.post(.backlog(connection: serial, requestID: requestID, first: first, page: page))
        }
    }
}
