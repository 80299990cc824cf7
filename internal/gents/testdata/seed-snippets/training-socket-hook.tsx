// Client Usage › 3. Training Socket Hook
import { useTrainingSocket } from '../../../../generated/ts'; // changed: was '@/hooks/useTrainingSocket'

// added: what the snippet takes from the surrounding app.
declare const currentUser: { id: number };

function TrainingSession({ sessionId }: { sessionId: string }) { // changed: added the props' type
  const {
    connected,
    totalXP,
    currentLevel,
    isTyping,
    sendMessage,
  } = useTrainingSocket({
    userId: currentUser.id,
    sessionId,
    showToasts: true,
    onXPGain: (event) => {
      console.log('XP gained:', event.amount);
    },
    onLevelUp: (event) => {
      console.log('Level up!', event.newLevel);
      // Show confetti animation
    },
    onRoleplayResponse: (response) => {
      console.log('AI response:', response.message);
      // Display AI message
    },
  });

  const handleSendMessage = () => {
    sendMessage('Hello, I need help with objection handling');
  };

  return (
    <div>
      <div>Level: {currentLevel} | XP: {totalXP}</div>
      {isTyping && <span>AI is typing...</span>}
      <button onClick={handleSendMessage}>Send Message</button>
    </div>
  );
}
