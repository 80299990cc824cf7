package socketio

import "iter"

// idSet is a set of strings (socket ids, room names) that holds up to two
// without a map: every socket's own room holds one socket, and most
// sockets are in their own room and one or two others, so the room index
// of an idle connection holds no map of its own.
type idSet struct {
	few [2]string
	n   int8                // members in few, when m is nil
	m   map[string]struct{} // every member, once there are more than two
}

func (s *idSet) len() int {
	if s.m != nil {
		return len(s.m)
	}
	return int(s.n)
}

func (s *idSet) has(id string) bool {
	if s.m != nil {
		_, ok := s.m[id]
		return ok
	}
	for _, x := range s.few[:s.n] {
		if x == id {
			return true
		}
	}
	return false
}

func (s *idSet) add(id string) {
	switch {
	case s.has(id):
	case s.m != nil:
		s.m[id] = struct{}{}
	case int(s.n) < len(s.few):
		s.few[s.n] = id
		s.n++
	default:
		s.m = make(map[string]struct{}, len(s.few)+1)
		for _, x := range s.few {
			s.m[x] = struct{}{}
		}
		s.m[id] = struct{}{}
		s.few, s.n = [2]string{}, 0
	}
}

func (s *idSet) remove(id string) {
	if s.m != nil {
		delete(s.m, id)
		if len(s.m) <= len(s.few) { // back to no map
			for x := range s.m {
				s.few[s.n] = x
				s.n++
			}
			s.m = nil
		}
		return
	}
	for i, x := range s.few[:s.n] {
		if x == id {
			s.n--
			s.few[i], s.few[s.n] = s.few[s.n], ""
			return
		}
	}
}

// all yields every member once, in no particular order.
func (s *idSet) all() iter.Seq[string] {
	return func(yield func(string) bool) {
		if s.m != nil {
			for x := range s.m {
				if !yield(x) {
					return
				}
			}
			return
		}
		for _, x := range s.few[:s.n] {
			if !yield(x) {
				return
			}
		}
	}
}
