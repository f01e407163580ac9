import net from "node:net"

/** Resolves once Redis at `url` answers PING (after AUTH when the URL has a password); rejects saying why not. */
export function redisAnswers(url: string, timeoutMs = 3000): Promise<void> {
  const { hostname, port, username, password } = new URL(url)
  return new Promise<void>((resolve, reject) => {
    const auth = password ? `AUTH ${[username, password].filter(Boolean).map(decodeURIComponent).join(" ")}\r\n` : ""
    const socket = net.connect(Number(port || 6379), hostname, () => socket.write(`${auth}PING\r\n`))
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(new Error(`no answer within ${timeoutMs} ms`))
    })
    let answer = ""
    socket.on("data", (data) => {
      answer += data.toString()
      if (answer.includes("+PONG")) {
        socket.end()
        resolve()
      } else if (answer.includes("-")) {
        socket.end()
        reject(new Error(`it answered ${JSON.stringify(answer.trim())}`))
      }
    })
    socket.once("error", reject)
  })
}
