package sioclient

import "strconv"

// Fixed client frames.
var (
	PongFrame    = []byte{EIOPong}
	ConnectFrame = []byte{EIOMessage, SIOConnect} // CONNECT to "/" without auth
)

// AppendJoin appends an EVENT `["join",room]` asking for ack id.
func AppendJoin(dst []byte, id uint64, room string) []byte {
	dst = append(dst, EIOMessage, SIOEvent)
	dst = strconv.AppendUint(dst, id, 10)
	dst = append(dst, `["join",`...)
	dst = strconv.AppendQuote(dst, room) // room names are plain ASCII here
	return append(dst, ']')
}

// AppendPublish appends an EVENT `["publish",{"room":…,"pub":…,"seq":…,
// "ts":…,"pad":…}]` without ack. pad fills the payload to the wanted size
// and must not need escaping.
func AppendPublish(dst []byte, room string, m Msg, pad string) []byte {
	dst = append(dst, EIOMessage, SIOEvent)
	dst = append(dst, `["publish",{"room":`...)
	dst = strconv.AppendQuote(dst, room)
	dst = append(dst, `,"pub":`...)
	dst = strconv.AppendInt(dst, m.Pub, 10)
	dst = append(dst, `,"seq":`...)
	dst = strconv.AppendInt(dst, m.Seq, 10)
	dst = append(dst, `,"ts":`...)
	dst = strconv.AppendInt(dst, m.TsNs, 10)
	dst = append(dst, `,"pad":"`...)
	dst = append(dst, pad...)
	return append(dst, `"}]`...)
}
